namespace CloudAuditor.Core.Config;

public sealed class RetentionRequirement
{
    /// <summary>Data must be kept (undeletable) at least this long: immutability / object lock, or a legal hold.</summary>
    public int? MinRetentionDays { get; set; }

    /// <summary>The retention must be locked (Azure locked policy, S3 COMPLIANCE mode).</summary>
    public bool Immutable { get; set; }

    /// <summary>Data must be deleted within this many days: a lifecycle expiry at or below it.</summary>
    public int? MaxRetentionDays { get; set; }

    /// <summary>
    /// The key prefixes that hold this class's data, when not every key does: a lifecycle rule must cover each of them for
    /// MaxRetentionDays. Empty: every key must be covered.
    /// </summary>
    public List<string> Prefixes { get; set; } = [];

    /// <summary>Deleted data recoverable this long: Azure soft delete, S3 versioning.</summary>
    public int? SoftDeleteDays { get; set; }

    public bool Versioning { get; set; }

    /// <summary>
    /// Classes of content this class may hold besides its own name (a "restricted" class that holds "pii"): content detected as
    /// another class is a mismatch.
    /// </summary>
    public List<string> Holds { get; set; } = [];

    /// <summary>"kept 2555 days immutable (locked), deleted within 90 days, 7 days soft delete, versioning".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (MinRetentionDays is { } min) parts.Add($"kept {min} days immutable{(Immutable ? " (locked)" : "")}");
        else if (Immutable) parts.Add("locked immutability");
        if (MaxRetentionDays is { } max) parts.Add($"deleted within {max} days");
        if (SoftDeleteDays is { } soft) parts.Add($"{soft} days soft delete");
        if (Versioning) parts.Add("versioning");
        return parts.Count == 0 ? "nothing" : string.Join(", ", parts);
    }
}
