using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Scans one object (a file, a blob, an S3 object) for sensitive data as it streams: sniffs its format from its bytes
/// (not its name alone), unpacks containers within the limits, decodes text and runs the detectors with field
/// context, in memory reserved from the process's scan budget before it starts.
/// </summary>
public sealed class ContentScanner(DetectorSet detectors, ExtractionLimits limits, ScanMemoryBudget memory)
{
    /// <summary>Decompression state and read buffers per level of nesting.</summary>
    private const long PerLevelBytes = 512L << 10;

    public ExtractionLimits Limits => limits;

    public ScanMemoryBudget Memory => memory;

    /// <summary>
    /// What one object's scan can hold at once, reserved before it starts: the text window, the field windows of a
    /// structured member, the longest JSON token, and the buffers of each level of nesting. Members are scanned one
    /// after another, so this does not grow with an archive's size. Spools, PDFs and string tables reserve more as
    /// they need it.
    /// </summary>
    public long ObjectReservationBytes =>
        TextWindow.BufferBytes(detectors) + FieldWindows.MaxBytes(detectors) + limits.MaxJsonTokenBytes + (limits.MaxDepth + 1) * PerLevelBytes;

    /// <param name="isPrefix">
    /// The stream is only the start of the object (a range read for sampling): a stream cut there is the sample's
    /// doing, not a fault of the object, and is marked truncated without an issue.
    /// </param>
    public async Task<ScanResult> ScanAsync(Stream content, string name, CancellationToken cancellationToken, bool isPrefix = false)
    {
        var result = new ScanResult();
        var scan = new ObjectScan(detectors, limits, memory, result, isPrefix);
        var metered = new MeteredStream(content, limits.MaxObjectBytes);
        var seekable = content.CanSeek && content.Length <= limits.MaxObjectBytes ? content : null;
        try
        {
            using var reservation = await memory.ReserveAsync(ObjectReservationBytes, Timeout.InfiniteTimeSpan, "scanning an object", cancellationToken);
            await scan.ScanAsync(metered, name, member: null, depth: 0, seekable, cancellationToken);
        }
        catch (ExtractionLimitException e)
        {
            scan.Issue(member: null, ScanIssueKind.LimitExceeded, e.Message);
        }
        result.BytesScanned = Math.Max(result.BytesScanned, metered.BytesRead);
        if (metered.Overflowed)
        {
            result.Truncated = true;
            if (!isPrefix)
                scan.Issue(member: null, ScanIssueKind.LimitExceeded, $"larger than the {limits.MaxObjectBytes:N0}-byte size cap; only the first " +
                    $"{limits.MaxObjectBytes:N0} bytes were scanned");
        }
        return result;
    }
}
