using System.IO.Compression;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Text of a PDF's pages in reading order (PdfPig), up to a page limit. The PDF parser inflates whole streams in
/// memory, so every Flate stream is first inflated here through the object's expansion guard (size, ratio, time) with
/// the output thrown away; only a PDF within the limits is parsed, and only once the memory budget grants what its
/// streams inflate to.
/// </summary>
internal static class PdfText
{
    private static readonly ParsingOptions Parsing = new() { UseLenientParsing = true, SkipMissingFonts = true, ClipPaths = false };

    public static async Task ScanAsync(ObjectScan scan, Stream pdf, string? member, CancellationToken cancellationToken)
    {
        var inflated = await InflateStreamsAsync(scan, pdf, member ?? "pdf", cancellationToken);
        using var reservation = await scan.Memory.ReserveAsync(pdf.Length + 2 * inflated + (4L << 20), scan.Limits.MaxMemoryWait, "parsing this PDF",
            cancellationToken);
        pdf.Position = 0;
        using var document = PdfDocument.Open(pdf, Parsing);
        using var window = scan.Window(member);
        var pages = 0;
        foreach (var page in document.GetPages())
        {
            if (++pages > scan.Limits.MaxPdfPages)
            {
                scan.Issue(member, ScanIssueKind.LimitExceeded, $"more than {scan.Limits.MaxPdfPages} pages; the rest was not scanned");
                break;
            }
            scan.CheckTime();
            window.Write(ContentOrderTextExtractor.GetText(page));
            window.Write("\n");
        }
        window.Complete();
    }

    /// <summary>Inflates every zlib stream between "stream" and "endstream", discarding the output.</summary>
    /// <returns>How many bytes they inflate to.</returns>
    private static async Task<long> InflateStreamsAsync(ObjectScan scan, Stream pdf, string member, CancellationToken cancellationToken)
    {
        long total = 0;
        foreach (var (start, end) in StreamExtents(pdf, scan))
        {
            pdf.Position = start;
            var header = new byte[2];
            if (end - start < 2 || await pdf.ReadAtLeastAsync(header, 2, throwOnEndOfStream: false, cancellationToken) < 2 || !IsZlibHeader(header)) continue;
            pdf.Position = start;
            var counted = new MeteredStream(scan.Budget.Expanding(new ZLibStream(new SubStream(pdf, start, end - start), CompressionMode.Decompress), member,
                end - start));
            try
            {
                await counted.CopyToAsync(Stream.Null, cancellationToken);
            }
            catch (InvalidDataException)
            {
                // A damaged stream: the parser decides what to make of it; what inflated still counts.
            }
            total += counted.BytesRead;
        }
        return total;
    }

    private static bool IsZlibHeader(byte[] header) => (header[0] & 0x0F) == 8 && ((header[0] << 8) | header[1]) % 31 == 0;

    /// <summary>Data of each stream: from after "stream" and its line end to the next "endstream".</summary>
    private static List<(long Start, long End)> StreamExtents(Stream pdf, ObjectScan scan)
    {
        const int MaxStreams = 1_000_000;
        var starts = new List<long>();
        var ends = new List<long>();
        var buffer = new byte[64 << 10];
        var carry = 0;
        long offset = 0;
        pdf.Position = 0;
        while (true)
        {
            var read = pdf.Read(buffer, carry, buffer.Length - carry);
            var length = carry + read;
            var span = buffer.AsSpan(0, length);
            var searchEnd = read == 0 ? length : length - 10;
            for (var i = span[..Math.Max(0, searchEnd)].IndexOf("stream"u8); i >= 0;)
            {
                var at = i;
                if (at >= 3 && span.Slice(at - 3, 3).SequenceEqual("end"u8)) ends.Add(offset + at - 3);
                else if (at + 6 < length && span[at + 6] is (byte)'\r' or (byte)'\n') starts.Add(offset + at + 6 + (span[at + 6] == '\r' && at + 7 < length
                    && span[at + 7] == '\n' ? 2 : 1));
                if (starts.Count + ends.Count > MaxStreams)
                    throw new ExtractionLimitException($"more than {MaxStreams:N0} PDF streams; not scanned");
                var next = span[(at + 6)..Math.Max(at + 6, searchEnd)].IndexOf("stream"u8);
                i = next < 0 ? -1 : at + 6 + next;
            }
            if (read == 0) break;
            carry = Math.Min(length, 10);
            span[(length - carry)..].CopyTo(buffer);
            offset += length - carry;
            scan.CheckTime();
        }
        var extents = new List<(long, long)>(starts.Count);
        var e = 0;
        foreach (var start in starts)
        {
            while (e < ends.Count && ends[e] < start) e++;
            extents.Add((start, e < ends.Count ? ends[e] : pdf.Length));
        }
        return extents;
    }
}
