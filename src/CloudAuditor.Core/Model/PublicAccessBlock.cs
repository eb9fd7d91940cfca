namespace CloudAuditor.Core.Model;

public sealed record PublicAccessBlock(bool BlockPublicAcls, bool IgnorePublicAcls, bool BlockPublicPolicy, bool RestrictPublicBuckets)
{
    public bool AllOn => BlockPublicAcls && IgnorePublicAcls && BlockPublicPolicy && RestrictPublicBuckets;

    public IEnumerable<string> SettingsOff()
    {
        if (!BlockPublicAcls) yield return nameof(BlockPublicAcls);
        if (!IgnorePublicAcls) yield return nameof(IgnorePublicAcls);
        if (!BlockPublicPolicy) yield return nameof(BlockPublicPolicy);
        if (!RestrictPublicBuckets) yield return nameof(RestrictPublicBuckets);
    }
}
