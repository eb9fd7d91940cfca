namespace CloudAuditor.Core.Model;

public sealed record PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    public bool AllOn => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;

    /// <summary>The four settings by name, in AWS's order: what checks list and combine across bucket and account.</summary>
    public static IReadOnlyList<(string Name, Func<PublicAccessBlock, bool> IsOn)> Settings { get; } =
    [
        (nameof(BlockPublicAcls), p => p.BlockPublicAcls),
        (nameof(IgnorePublicAcls), p => p.IgnorePublicAcls),
        (nameof(BlockPublicPolicy), p => p.BlockPublicPolicy),
        (nameof(RestrictPublicBuckets), p => p.RestrictPublicBuckets),
    ];

    public IEnumerable<string> SettingsOff() => Settings.Where(s => !s.IsOn(this)).Select(s => s.Name);
}
