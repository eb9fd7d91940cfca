using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

public sealed class AclPublicGrantCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.acl-public-grant";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.High,
        "Bucket ACL grants access to AllUsers or AuthenticatedUsers",
        "AllUsers is anyone on the internet; AuthenticatedUsers is any AWS account in the world, not just yours.",
        "Remove the AllUsers/AuthenticatedUsers grants (keep the owner's), then turn on the bucket's public access block.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (bucket.Acl.Value is not { } acl) return null;
        var publicGrants = acl.Grants.Where(g => g.IsPublic).ToList();
        if (publicGrants.Count == 0) return CheckOutcome.Pass("The ACL grants nothing to AllUsers or AuthenticatedUsers.");
        var listed = string.Join(", ", publicGrants.Select(g => $"{g.Permission} to {g.Group}"));
        var evidence = Evidence(("publicGrants", listed));
        if (bucket.Ownership.Value?.AclsDisabled == true)
            return CheckOutcome.Pass($"The ACL lists {listed}, but Object Ownership is BucketOwnerEnforced, so ACLs grant nothing.", evidence);
        return bucket.PublicAccessBlocks(p => p.IgnorePublicAcls) switch
        {
            BlockState.On => CheckOutcome.Pass($"The ACL grants {listed}, but IgnorePublicAcls ({bucket.PublicAccessBlockSource(p => p.IgnorePublicAcls)}) " +
                "neutralises them.", evidence),
            BlockState.Unknown => CheckOutcome.Undecided($"The ACL grants {listed}; whether IgnorePublicAcls neutralises them is unknown: " +
                $"{bucket.UnknownPublicAccessBlock}.", evidence),
            _ => CheckOutcome.Fail($"The ACL grants {listed}.", SeverityOf(publicGrants), evidence),
        };
    }

    /// <summary>Write or ACL-write grants let strangers change or take over the bucket, worse than reading it.</summary>
    private static Severity SeverityOf(IEnumerable<AclGrant> grants) =>
        grants.Any(g => g.Permission is "WRITE" or "WRITE_ACP" or "FULL_CONTROL") ? Severity.Critical
        : grants.Any(g => g.Permission == "READ") ? Severity.High
        : Severity.Medium;
}
