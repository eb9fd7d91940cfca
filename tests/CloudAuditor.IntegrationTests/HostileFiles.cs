using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace CloudAuditor.IntegrationTests;

/// <summary>Hostile files made in the test (never checked in): bombs, a PDF with one huge stream, a long document.</summary>
public static class HostileFiles
{
    private const long GiB = 1L << 30;

    /// <summary>Deflate (raw, or zlib/gzip framed) of <paramref name="zeros"/> zero bytes.</summary>
    private static byte[] Compressed(long zeros, Func<Stream, Stream> frame)
    {
        using var output = new MemoryStream();
        using (var compressor = frame(output))
        {
            var block = new byte[1 << 20];
            for (long written = 0; written < zeros; written += block.Length) compressor.Write(block);
        }
        return output.ToArray();
    }

    /// <summary>A PDF of about a megabyte whose one content stream inflates to 1 GiB.</summary>
    public static void PdfWithHugeStream(string path)
    {
        var stream = Compressed(GiB, s => new ZLibStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        using var file = File.Create(path);
        void Write(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        Write("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
        Write("3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\nendobj\n");
        Write($"4 0 obj\n<< /Length {stream.Length} /Filter /FlateDecode >>\nstream\n");
        file.Write(stream);
        Write("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Size 5 >>\n%%EOF\n");
    }

    /// <summary>Ten gzip members of 1 GiB of zeros each: 10 GiB from about 10 MB.</summary>
    public static void GzipBomb(string path)
    {
        var member = Compressed(GiB, s => new GZipStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        using var file = File.Create(path);
        for (var i = 0; i < 10; i++) file.Write(member);
    }

    /// <summary>A zip of ten entries of 1 GiB of zeros each, written by hand so the compressed data is made once.</summary>
    public static void ZipBomb(string path)
    {
        var data = Compressed(GiB, s => new DeflateStream(s, CompressionLevel.SmallestSize, leaveOpen: true));
        using var file = File.Create(path);
        var offsets = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            offsets.Add(file.Position);
            file.Write(Header(0x04034b50, $"zeros{i}.txt", data.Length, local: true, offset: 0));
            file.Write(data);
        }
        var directory = file.Position;
        for (var i = 0; i < 10; i++) file.Write(Header(0x02014b50, $"zeros{i}.txt", data.Length, local: false, offsets[i]));
        var end = new byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(8), 10);
        BinaryPrimitives.WriteUInt16LittleEndian(end.AsSpan(10), 10);
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(12), (uint)(file.Position - directory));
        BinaryPrimitives.WriteUInt32LittleEndian(end.AsSpan(16), (uint)directory);
        file.Write(end);
    }

    private static byte[] Header(uint signature, string name, long compressed, bool local, long offset)
    {
        var fixedLength = local ? 30 : 46;
        var header = new byte[fixedLength + name.Length];
        var at = 0;
        void U16(int value) { BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(at), (ushort)value); at += 2; }
        void U32(long value) { BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(at), (uint)value); at += 4; }
        U32(signature);
        if (!local) U16(20);
        U16(20); U16(0); U16(8); U16(0); U16(0);
        U32(0); // CRC: never reached, the expansion guard stops first
        U32(compressed); U32(GiB - 1);
        U16(name.Length); U16(0);
        if (!local) { U16(0); U16(0); U16(0); U32(0); U32(offset); }
        Encoding.ASCII.GetBytes(name).CopyTo(header.AsSpan(fixedLength));
        return header;
    }

    /// <summary>A Word document of about 100 MB of short, varied paragraphs (so it stays within the ratio limit), an SSN among them.</summary>
    public static void LongDocx(string path)
    {
        var words = new[] { "ledger", "quarter", "review", "north", "harbour", "signal", "copper", "meadow", "invoice", "river", "orbit", "velvet" };
        var random = new Random(3);
        using var zip = new ZipArchive(File.Create(path), ZipArchiveMode.Create);
        using (var types = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            types.Write("""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
        using var document = new StreamWriter(zip.CreateEntry("word/document.xml", CompressionLevel.Fastest).Open());
        document.Write("""<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>""");
        for (long written = 0, i = 0; written < 100L << 20; i++)
        {
            var text = i == 500_000 ? "employee ssn 536-22-8726" : $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]} " +
                $"{random.Next(100_000)} {words[random.Next(words.Length)]}";
            var paragraph = $"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>";
            document.Write(paragraph);
            written += paragraph.Length;
        }
        document.Write("</w:body></w:document>");
    }
}
