namespace CloudAuditor.Core.Model;

/// <summary>The enabled lifecycle rules that apply to one container or bucket.</summary>
public sealed record LifecycleRules(IReadOnlyList<LifecycleRule> Rules)
{
    public static LifecycleRules None { get; } = new([]);

    /// <summary>The days after which every current object is deleted, whatever its key; null when some keys are never deleted.</summary>
    public int? EveryKeyExpirationDays => Retention.LifecycleCoverage.CurrentVersions(this, []).Days;
}
