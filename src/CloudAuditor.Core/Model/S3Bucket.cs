namespace CloudAuditor.Core.Model;

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

    public IEnumerable<IObservation> Observations => new IObservation[] { Acl, Policy, PublicAccessBlock, Website, Tags,
        Probe.Observation }.Concat(Retention.Observations);

    /// <summary>A setting explicitly on in the bucket's public access block; false when off or unknown.</summary>
    public bool Blocks(Func<PublicAccessBlock, bool> setting) => PublicAccessBlock.Value is { } pab && setting(pab);
}
