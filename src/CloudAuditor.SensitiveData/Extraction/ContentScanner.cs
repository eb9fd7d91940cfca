using System.Formats.Tar;
using System.IO.Compression;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Scans one object (a file, a blob, an S3 object) for sensitive data: sniffs its format from its bytes (not its
/// name alone), unpacks containers within the limits, decodes text and runs the detectors with field context.
/// </summary>
public sealed class ContentScanner(DetectorSet detectors, ExtractionLimits limits)
{
    private const int ReadChunk = 1 << 16;

    public ExtractionLimits Limits => limits;

    public async Task<ScanResult> ScanAsync(Stream content, string name, CancellationToken cancellationToken)
    {
        var result = new ScanResult();
        var (data, truncated) = await ReadBoundedAsync(content, limits.MaxObjectBytes, cancellationToken);
        result.BytesScanned = data.Length;
        result.Truncated = truncated;
        Scan(data, name, member: null, depth: 0, new ExtractionBudget(limits), result, cancellationToken);
        return result;
    }

    public void Scan(byte[] data, string name, string? member, int depth, ExtractionBudget budget, ScanResult result, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            switch (FormatSniffer.Sniff(data, name))
            {
                case ContentFormat.Gzip: ScanGzip(data, name, member, depth, budget, result, cancellationToken); break;
                case ContentFormat.Zip: ScanZip(data, name, member, depth, budget, result, cancellationToken); break;
                case ContentFormat.Tar: ScanTar(data, member, depth, budget, result, cancellationToken); break;
                case ContentFormat.Pdf: ScanText(PdfText.Extract(data, limits.MaxPdfPages), name, member, result); break;
                default: ScanDecoded(data, name, member, result); break;
            }
        }
        catch (ExtractionLimitException e)
        {
            result.Issues.Add(new ScanIssue(member, ScanIssueKind.LimitExceeded, e.Message));
        }
        catch (Exception e) when (e is InvalidDataException or IOException or FormatException
            or UglyToad.PdfPig.Core.PdfDocumentFormatException or DocumentFormat.OpenXml.Packaging.OpenXmlPackageException
            or System.Xml.XmlException or InvalidOperationException)
        {
            // The message of a parser exception can quote the bytes it choked on; report the kind only.
            result.Issues.Add(new ScanIssue(member, ScanIssueKind.Corrupt, $"{FormatSniffer.Sniff(data, name)} content could not be parsed ({e.GetType().Name})"));
        }
    }

    private void ScanDecoded(byte[] data, string name, string? member, ScanResult result)
    {
        if (!TextDecoder.TryDecode(data, out var text, out _))
        {
            result.Issues.Add(new ScanIssue(member, ScanIssueKind.Skipped, "binary content"));
            return;
        }
        ScanText(text, name, member, result);
    }

    private void ScanText(string text, string name, string? member, ScanResult result)
    {
        var tally = result.For(member);
        var delimiter = StructuredText.DelimiterOf(name);
        if (delimiter is { } d) StructuredText.ScanDelimited(text, d, detectors, tally);
        else if (!LooksLikeJson(text, name) || !StructuredText.TryScanJson(text, detectors, tally)) detectors.Scan(text, FieldContext.None, tally);
    }

    private static bool LooksLikeJson(string text, string name)
    {
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)) return true;
        var first = text.AsSpan().TrimStart();
        return first.Length > 0 && first[0] is '{' or '[';
    }

    private void ScanGzip(byte[] data, string name, string? member, int depth, ExtractionBudget budget, ScanResult result, CancellationToken cancellationToken)
    {
        budget.CheckDepth(depth + 1, member ?? name);
        var innerName = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? name[..^4] + ".tar" : name;
        using var gzip = budget.Expanding(new GZipStream(new MemoryStream(data), CompressionMode.Decompress), data.Length, member ?? name);
        var (inner, truncated) = ReadUntilEnd(gzip, limits.MaxExpandedBytes);
        // GZipStream ends quietly on a cut stream; the trailer's ISIZE (length mod 2^32) tells whether all of it arrived.
        result.Truncated |= truncated || data.Length < 18 || (uint)inner.Length != BitConverter.ToUInt32(data, data.Length - 4);
        Scan(inner, innerName, member, depth + 1, budget, result, cancellationToken);
    }

    private void ScanZip(byte[] data, string name, string? member, int depth, ExtractionBudget budget, ScanResult result, CancellationToken cancellationToken)
    {
        using var zip = new ZipArchive(new MemoryStream(data), ZipArchiveMode.Read);
        if (OfficeText.IsOfficeDocument(zip))
        {
            OfficeText.Scan(data, zip, member, budget, detectors, result);
            return;
        }
        budget.CheckDepth(depth + 1, member ?? name);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            var path = Join(member, entry.FullName);
            budget.CountEntry(path);
            if (entry.IsEncrypted)
            {
                result.Issues.Add(new ScanIssue(path, ScanIssueKind.Skipped, "encrypted archive entry"));
                continue;
            }
            using var stream = budget.Expanding(entry.Open(), entry.CompressedLength, path);
            var (bytes, truncated) = ReadUntilEnd(stream, limits.MaxObjectBytes);
            result.Truncated |= truncated;
            Scan(bytes, entry.Name, path, depth + 1, budget, result, cancellationToken);
        }
    }

    private void ScanTar(byte[] data, string? member, int depth, ExtractionBudget budget, ScanResult result, CancellationToken cancellationToken)
    {
        budget.CheckDepth(depth + 1, member ?? "tar");
        using var tar = new TarReader(new MemoryStream(data));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var path = Join(member, entry.Name);
            budget.CountEntry(path);
            var (bytes, truncated) = ReadUntilEnd(entry.DataStream, limits.MaxObjectBytes);
            result.Truncated |= truncated;
            Scan(bytes, Path.GetFileName(entry.Name), path, depth + 1, budget, result, cancellationToken);
        }
    }

    internal static string Join(string? parent, string child) => parent is null ? child : $"{parent}!/{child}";

    private static (byte[] Data, bool Truncated) ReadUntilEnd(Stream stream, long max)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunk];
        try
        {
            while (buffer.Length < max)
            {
                var read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, max - buffer.Length));
                if (read == 0) return (buffer.ToArray(), false);
                buffer.Write(chunk, 0, read);
            }
            return (buffer.ToArray(), stream.Read(chunk, 0, 1) > 0);
        }
        catch (InvalidDataException) when (buffer.Length > 0)
        {
            // A compressed stream cut short (range read, size cap): scan what decompressed.
            return (buffer.ToArray(), true);
        }
    }

    private static async Task<(byte[] Data, bool Truncated)> ReadBoundedAsync(Stream stream, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ReadChunk];
        while (buffer.Length < max)
        {
            var read = await stream.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, max - buffer.Length)), cancellationToken);
            if (read == 0) return (buffer.ToArray(), false);
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), await stream.ReadAsync(chunk.AsMemory(0, 1), cancellationToken) > 0);
    }
}
