namespace CloudAuditor.Core.Model;

/// <summary>
/// How long data in a container or bucket survives deletion, and how long it is kept at most: the settings that
/// retention policies are judged on. Each part is observed on its own, since each comes from its own request.
/// </summary>
public sealed record RetentionPosture
{
    /// <summary>Azure blob and container soft delete; S3 has none (versioning plays that role): not configured there.</summary>
    public required Observed<SoftDeleteSettings> SoftDelete { get; init; }

    public required Observed<VersioningSettings> Versioning { get; init; }

    /// <summary>Time-based immutability (Azure immutability policy, S3 object lock default retention) and legal hold.</summary>
    public required Observed<ImmutabilitySettings> Immutability { get; init; }

    /// <summary>The enabled lifecycle rules that apply to this container or bucket, each with its scope inside it.</summary>
    public required Observed<LifecycleRules> Lifecycle { get; init; }

    public required Observed<ReplicationSettings> Replication { get; init; }

    public required Observed<ChangeFeedSettings> ChangeFeed { get; init; }

    public IEnumerable<IObservation> Observations => [SoftDelete, Versioning, Immutability, Lifecycle, Replication, ChangeFeed];

    /// <summary>Every part unknown for the same reason (no ARM access for this account, say).</summary>
    public static RetentionPosture NotRead(string reason) => new()
    {
        SoftDelete = Observed<SoftDeleteSettings>.NotRead(reason),
        Versioning = Observed<VersioningSettings>.NotRead(reason),
        Immutability = Observed<ImmutabilitySettings>.NotRead(reason),
        Lifecycle = Observed<LifecycleRules>.NotRead(reason),
        Replication = Observed<ReplicationSettings>.NotRead(reason),
        ChangeFeed = Observed<ChangeFeedSettings>.NotRead(reason),
    };
}
