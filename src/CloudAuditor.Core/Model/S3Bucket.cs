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

    /// <summary>The account's Block Public Access (S3 Control); applies to every bucket together with the bucket's own.</summary>
    public Observed<PublicAccessBlock> AccountPublicAccessBlock { get; init; } =
        Observed<PublicAccessBlock>.NotRead("account-level Block Public Access was not read");

    /// <summary>Object Ownership; "not configured" means ObjectWriter, where ACLs are in force.</summary>
    public Observed<ObjectOwnership> Ownership { get; init; } = Observed<ObjectOwnership>.NotRead("Object Ownership was not read");

    /// <summary>Object ACLs of a bounded sample of keys (sweep.objectAclSample).</summary>
    public Observed<ObjectAclSample> ObjectAcls { get; init; } = Observed<ObjectAclSample>.NotRead("object ACLs were not sampled");

    public IEnumerable<IObservation> Observations => new IObservation[] { Acl, Policy, PublicAccessBlock, AccountPublicAccessBlock, Ownership,
        ObjectAcls, Website, Tags, Probe.Observation }.Concat(Retention.Observations);

    /// <summary>
    /// A Block Public Access setting as S3 applies it: on if the bucket or the account has it on; unknown if neither is known to
    /// have it on and either could not be read, so a verdict that depends on it is undecided rather than assumed off.
    /// </summary>
    public BlockState PublicAccessBlocks(Func<PublicAccessBlock, bool> setting) =>
        PublicAccessBlockSource(setting) is not null ? BlockState.On
        : PublicAccessBlock.IsKnown && AccountPublicAccessBlock.IsKnown ? BlockState.Off
        : BlockState.Unknown;

    /// <summary>Where a setting is on ("bucket", "account" or "bucket and account"); null when on at neither.</summary>
    public string? PublicAccessBlockSource(Func<PublicAccessBlock, bool> setting)
    {
        var bucket = PublicAccessBlock.Value is { } own && setting(own);
        var account = AccountPublicAccessBlock.Value is { } shared && setting(shared);
        return bucket && account ? "bucket and account" : bucket ? "bucket" : account ? "account" : null;
    }

    /// <summary>Why a setting's effect is unknown: the reads that failed.</summary>
    public string UnknownPublicAccessBlock => string.Join("; ", new IObservation[] { PublicAccessBlock, AccountPublicAccessBlock }
        .Where(o => !o.IsKnown).Select(o => o.Unreadable));
}
