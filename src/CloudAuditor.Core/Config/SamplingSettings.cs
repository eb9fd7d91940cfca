namespace CloudAuditor.Core.Config;

/// <summary>Budgets for reading object contents during a sweep: bounded per container and per sweep.</summary>
public sealed class SamplingSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Objects scanned per container or bucket, chosen across prefixes and extensions, newest first.</summary>
    public int ObjectsPerContainer { get; set; } = 20;

    /// <summary>Bytes range-read from the start of each text-like object.</summary>
    public long BytesPerObject { get; set; } = 1L << 20;

    /// <summary>Archives, Office files and PDFs need all of their bytes; larger ones are reported, not read.</summary>
    public long MaxWholeObjectBytes { get; set; } = 16L << 20;

    /// <summary>Names (keys and folders) listed per container to choose the sample from, across its whole key hierarchy.</summary>
    public int ListLimit { get; set; } = 5000;

    /// <summary>List requests per container to choose the sample from: about one per folder level reaches the newest folder.</summary>
    public int ListCalls { get; set; } = 24;

    /// <summary>
    /// Read objects new or changed since the container's last sampling (plus a random re-check share of the others), and
    /// not objects an event's scan already read: a sweep over unchanged data reads only the re-checks.
    /// </summary>
    public bool Incremental { get; set; } = true;

    /// <summary>Share of the per-container sample spent re-reading unchanged objects at random (rounded up).</summary>
    public double RecheckShare { get; set; } = 0.1;

    public int MaxObjectsPerSweep { get; set; } = 10_000;

    public long MaxBytesPerSweep { get; set; } = 2L << 30;

    /// <summary>
    /// The most memory the process's content scans hold at once (all parallel scans together): each waits for its
    /// share before it starts. 256 MiB lets sixteen objects scan at once.
    /// </summary>
    public long MemoryBudgetBytes { get; set; } = DefaultMemoryBudgetBytes;

    public const long DefaultMemoryBudgetBytes = 256L << 20;

    public SamplingSettings WithEnabled(bool enabled)
    {
        var copy = (SamplingSettings)MemberwiseClone();
        copy.Enabled = enabled;
        return copy;
    }
}
