namespace CloudAuditor.Core.Model;

/// <summary>The enabled lifecycle rules that apply to one container or bucket.</summary>
public sealed record LifecycleRules(IReadOnlyList<LifecycleRule> Rules)
{
    public static LifecycleRules None { get; } = new([]);

    /// <summary>The fewest days after which some rule deletes current objects; null when no rule does.</summary>
    public int? ShortestExpirationDays => Rules.Where(r => r.ExpirationDays is > 0).Select(r => r.ExpirationDays).Min();
}
