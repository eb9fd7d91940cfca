namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>Bounds on what one object may cost to scan: the defence against huge files and decompression bombs.</summary>
public sealed record ExtractionLimits
{
    /// <summary>Bytes read from the object itself (the file, or the range read from a blob).</summary>
    public long MaxObjectBytes { get; init; } = 32L << 20;

    /// <summary>Bytes produced by decompression, across all members of one object.</summary>
    public long MaxExpandedBytes { get; init; } = 256L << 20;

    /// <summary>Decompressed-to-compressed ratio allowed per compressed stream once past <see cref="RatioGraceBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 100;

    /// <summary>Small inputs legitimately compress very well (a 1 MB log of repeated lines); the ratio applies beyond this.</summary>
    public long RatioGraceBytes { get; init; } = 1L << 20;

    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Archives inside archives: an object itself is depth 0.</summary>
    public int MaxDepth { get; init; } = 3;

    public int MaxPdfPages { get; init; } = 1_000;

    /// <summary>Wall-clock time one object may take, whatever it holds (a PDF that parses slowly, a member that inflates forever).</summary>
    public TimeSpan MaxScanTime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>An archive or PDF that must be read whole, but arrives as a stream, is kept in memory up to this, then on disk.</summary>
    public int SpoolMemoryBytes { get; init; } = 8 << 20;

    /// <summary>The longest single JSON token (a string value) kept whole; past it the rest of the file is scanned as plain text.</summary>
    public int MaxJsonTokenBytes { get; init; } = 1 << 20;

    /// <summary>How long a scan waits for extra memory (a PDF to parse) before the member is reported unscanned.</summary>
    public TimeSpan MaxMemoryWait { get; init; } = TimeSpan.FromSeconds(30);

    public static ExtractionLimits Default { get; } = new();
}
