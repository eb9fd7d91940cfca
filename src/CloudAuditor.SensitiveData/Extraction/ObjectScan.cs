using System.Formats.Tar;
using System.IO.Compression;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// The scan of one object, streamed: bytes flow from the object through decompression and format extraction to the
/// detectors without any stage holding a whole member. Formats read from the end (zip, PDF) are read in place when the
/// object is a seekable file, or spooled (memory within the budget, then disk). Every limit hit and every cut ends as
/// an issue naming the member.
/// </summary>
internal sealed class ObjectScan(DetectorSet detectors, ExtractionLimits limits, ScanMemoryBudget memory, ScanResult result, bool isPrefix)
{
    private const int HeadBytes = TextDecoder.SniffBytes;

    private readonly ExtractionBudget _budget = new(limits);

    public DetectorSet Detectors => detectors;

    public ExtractionBudget Budget => _budget;

    public ExtractionLimits Limits => limits;

    public ScanMemoryBudget Memory => memory;

    public ScanResult Result => result;

    public void CheckTime() => _budget.CheckTime();

    public TextWindow Window(string? member) => new(detectors, FieldContext.None, result.For(member), onWindow: CheckTime);

    public FieldWindows Fields(string? member) => new(detectors, result.For(member), CheckTime);

    public void Issue(string? member, ScanIssueKind kind, string reason) => result.Issues.Add(new ScanIssue(member, kind, reason));

    /// <summary>
    /// Scans one stream (the object, or a member of it). <paramref name="seekable"/> is the same content as a seekable
    /// stream when there is one for free (a local file).
    /// </summary>
    public async Task ScanAsync(Stream content, string name, string? member, int depth, Stream? seekable, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var buffer = new byte[HeadBytes];
        var head = buffer[..await content.ReadAtLeastAsync(buffer, HeadBytes, throwOnEndOfStream: false, cancellationToken)];
        var format = FormatSniffer.Sniff(head, name);
        var stream = new PrefixedStream(head, content);
        try
        {
            switch (format)
            {
                case ContentFormat.Gzip: await ScanGzipAsync(stream, name, member, depth, cancellationToken); break;
                case ContentFormat.Tar: await ScanTarAsync(stream, member, depth, cancellationToken); break;
                case ContentFormat.Zip or ContentFormat.Pdf:
                    var whole = await SeekableAsync(stream, seekable, cancellationToken);
                    await using (whole == seekable ? null : whole)
                    {
                        if (format == ContentFormat.Zip) await ScanZipAsync(whole, name, member, depth, cancellationToken);
                        else await PdfText.ScanAsync(this, whole, member, cancellationToken);
                    }
                    break;
                default: await ScanTextAsync(stream, head, name, member, cancellationToken); break;
            }
        }
        catch (ExtractionLimitException e) when (!e.WholeObject)
        {
            Issue(member, ScanIssueKind.LimitExceeded, e.Message);
        }
        catch (Exception e) when (IsUnparsable(e))
        {
            // The message of a parser exception can quote the bytes it choked on; report the kind only.
            Issue(member, ScanIssueKind.Corrupt, $"{format} content could not be parsed ({e.GetType().Name})");
        }
    }

    private static bool IsUnparsable(Exception e) =>
        e is InvalidDataException or FormatException or UglyToad.PdfPig.Core.PdfDocumentFormatException or System.Xml.XmlException
            or InvalidOperationException or NotSupportedException or EndOfStreamException or ArgumentException;

    private async Task<Stream> SeekableAsync(Stream stream, Stream? seekable, CancellationToken cancellationToken)
    {
        if (seekable is { CanSeek: true })
        {
            seekable.Position = 0;
            result.BytesScanned = Math.Max(result.BytesScanned, seekable.Length);
            return seekable;
        }
        return await SpoolStream.CreateAsync(stream, memory, limits, cancellationToken);
    }

    private async Task ScanTextAsync(Stream stream, byte[] head, string name, string? member, CancellationToken cancellationToken)
    {
        if (TextDecoder.EncodingOf(head) is not { } encoding)
        {
            Issue(member, ScanIssueKind.Skipped, "binary content");
            return;
        }
        if (CsvScanner.DelimiterOf(name) is { } delimiter)
        {
            using var csv = new CsvScanner(Fields(member), delimiter);
            await TextDecoder.DecodeAsync(stream, encoding, csv, _budget, cancellationToken);
            csv.Complete();
            return;
        }
        if (YamlSecretDataScanner.IsYaml(name))
        {
            using var fields = Fields(member);
            using var yaml = new YamlSecretDataScanner(fields);
            await TextDecoder.DecodeAsync(stream, encoding, yaml, _budget, cancellationToken);
            yaml.Complete();
            return;
        }
        using var window = Window(member);
        if (encoding.CodePage == System.Text.Encoding.UTF8.CodePage && JsonScanner.LooksLikeJson(name, head))
        {
            using var fields = Fields(member);
            var rest = await new JsonScanner(fields, limits).ScanAsync(stream, _budget, cancellationToken);
            fields.Complete();
            if (rest is null) return;
            // Not JSON from here on (or a token too long to hold): the rest is plain text.
            stream = new PrefixedStream(rest, stream);
        }
        await TextDecoder.DecodeAsync(stream, encoding, window, _budget, cancellationToken);
        window.Complete();
    }

    private async Task ScanGzipAsync(Stream stream, string name, string? member, int depth, CancellationToken cancellationToken)
    {
        _budget.CheckDepth(depth + 1, member ?? name);
        var innerName = name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3]
            : name.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase) ? name[..^4] + ".tar" : name;
        var compressed = new MeteredStream(stream);
        var gzip = new GZipStream(compressed, CompressionMode.Decompress);
        await using var inflated = new MeteredStream(_budget.Expanding(gzip, member ?? name, compressedSoFar: () => compressed.BytesRead));
        try
        {
            await ScanAsync(inflated, innerName, member, depth + 1, seekable: null, cancellationToken);
            // What the member's format did not read (tar padding, a binary file) still counts for the trailer check.
            await inflated.CopyToAsync(Stream.Null, cancellationToken);
        }
        catch (InvalidDataException) when (isPrefix)
        {
            // A range read cuts the stream: what decompressed was scanned, and the cut is the sample's.
            result.Truncated = true;
            return;
        }
        // GZipStream ends quietly on a cut stream; the trailer's ISIZE (length mod 2^32) tells whether all of it arrived.
        if (!compressed.AtEnd || compressed.BytesRead >= 18 && compressed.LastFour == (uint)inflated.BytesRead) return;
        if (isPrefix) result.Truncated = true;
        else Issue(member, ScanIssueKind.LimitExceeded, $"the gzip stream ends early after {inflated.BytesRead:N0} bytes (cut short or corrupt); the rest " +
            $"could not be read");
    }

    private async Task ScanZipAsync(Stream seekable, string name, string? member, int depth, CancellationToken cancellationToken)
    {
        ZipDirectory.Check(seekable, limits, member ?? name);
        using var zip = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
        if (OfficeText.IsOfficeDocument(zip))
        {
            OfficeText.Scan(this, zip, member);
            return;
        }
        _budget.CheckDepth(depth + 1, member ?? name);
        foreach (var entry in zip.Entries)
        {
            if (entry.FullName.EndsWith('/')) continue;
            var path = Join(member, entry.FullName);
            _budget.CountEntry(path);
            if (entry.IsEncrypted)
            {
                Issue(path, ScanIssueKind.Skipped, "encrypted archive entry");
                continue;
            }
            await using var inflated = _budget.Expanding(entry.Open(), path, entry.CompressedLength);
            await ScanAsync(inflated, entry.Name, path, depth + 1, seekable: null, cancellationToken);
        }
    }

    private async Task ScanTarAsync(Stream stream, string? member, int depth, CancellationToken cancellationToken)
    {
        _budget.CheckDepth(depth + 1, member ?? "tar");
        await using var tar = new TarReader(stream, leaveOpen: true);
        while (await tar.GetNextEntryAsync(copyData: false, cancellationToken) is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var path = Join(member, entry.Name);
            _budget.CountEntry(path);
            await ScanAsync(entry.DataStream, Path.GetFileName(entry.Name), path, depth + 1, seekable: null, cancellationToken);
        }
    }

    internal static string Join(string? parent, string child) => parent is null ? child : $"{parent}!/{child}";
}
