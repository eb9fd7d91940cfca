namespace CloudAuditor.Core.Model;

public enum AclGranteeGroup { AllUsers, AuthenticatedUsers, LogDelivery, Other }

public sealed record AclGrant(AclGranteeGroup Group, string Grantee, string Permission)
{
    public bool IsPublic => Group is AclGranteeGroup.AllUsers or AclGranteeGroup.AuthenticatedUsers;
}

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

public sealed record WebsiteConfiguration(string? IndexDocument, string? RedirectAllRequestsTo);

public sealed record AclList(IReadOnlyList<AclGrant> Grants);

public sealed record S3Bucket(
    ResourceRef Resource,
    string Region,
    Observed<AclList> Acl,
    Observed<BucketPolicy> Policy,
    Observed<PublicAccessBlock> PublicAccessBlock,
    Observed<WebsiteConfiguration> Website,
    Observed<TagSet> Tags,
    AnonymousProbe Probe) : IAuditSubject
{
    public CloudKind Cloud => CloudKind.Aws;
    public IReadOnlyDictionary<string, string> Labels => Tags.Value?.Values ?? TagSet.Empty.Values;

    public RetentionPosture Retention { get; init; } = RetentionPosture.NotRead("retention settings were not read");

    public IEnumerable<IObservation> Observations => new IObservation[] { Acl, Policy, PublicAccessBlock, Website, Tags }.Concat(Retention.Observations);

    /// <summary>A setting explicitly on in the bucket's public access block; false when off or unknown.</summary>
    public bool Blocks(Func<PublicAccessBlock, bool> setting) => PublicAccessBlock.Value is { } pab && setting(pab);
}
