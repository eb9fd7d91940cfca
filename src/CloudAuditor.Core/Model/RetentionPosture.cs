namespace CloudAuditor.Core.Model;

/// <summary>
/// How long data in a container or bucket survives deletion, and how long it is kept at most: the settings that
/// retention policies are judged on. Null means "not configured"; settings that could not be read are named in Unread.
/// </summary>
public sealed record RetentionPosture
{
    /// <summary>Azure blob soft delete (days), S3 has none (versioning plays that role).</summary>
    public int? SoftDeleteDays { get; init; }
    public int? ContainerSoftDeleteDays { get; init; }
    public bool Versioning { get; init; }
    public bool MfaDelete { get; init; }
    public bool ChangeFeed { get; init; }

    /// <summary>Time-based immutability: Azure immutability policy or S3 object lock default retention (days).</summary>
    public int? ImmutableDays { get; init; }

    /// <summary>Locked Azure policy or S3 COMPLIANCE mode: not even an administrator can shorten it.</summary>
    public bool ImmutableLocked { get; init; }

    public bool LegalHold { get; init; }

    /// <summary>The shortest lifecycle rule that deletes current data, in days since modification.</summary>
    public int? LifecycleExpiryDays { get; init; }

    public bool Replication { get; init; }

    public IReadOnlyList<string> Unread { get; init; } = [];
}
