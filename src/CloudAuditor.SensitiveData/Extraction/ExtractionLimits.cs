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

    public static ExtractionLimits Default { get; } = new();
}
