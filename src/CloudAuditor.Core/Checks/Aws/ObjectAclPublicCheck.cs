using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>
/// Single objects made public by their own ACL, in a bucket whose ACL and policy may be private: found by reading the ACLs of a
/// bounded sample of keys spread across the bucket's prefixes. A clean sample is reported as what it is, not as proof.
/// </summary>
public sealed class ObjectAclPublicCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.object-acl-public";

    private const int KeysShown = 10;

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.High,
        "Objects are public through their own ACL",
        "An object uploaded with a public-read ACL is readable by anyone even when the bucket's ACL and policy are private.",
        "Remove the AllUsers/AuthenticatedUsers grants from those objects (aws s3api put-object-acl --acl private), turn on IgnorePublicAcls, " +
        "and set Object Ownership to BucketOwnerEnforced so object ACLs stop applying.",
        ["AWS Foundational Security Best Practices S3.12"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (bucket.ObjectAcls.Value is not { } sample) return null;
        var scope = $"{sample.KeysChecked} sampled object(s) across {sample.PrefixesSampled} prefix(es)" +
            (sample.KeysUnread > 0 ? $"; {sample.KeysUnread} more could not be read ({sample.UnreadReason})" : "");
        if (sample.Skipped is { } skipped) return CheckOutcome.Pass($"No object ACL was read: {skipped}.", Evidence(("objectAclSample", skipped)));
        if (sample.Public.Count == 0) return CheckOutcome.Pass($"No object ACL grants public access in {scope}.", Evidence(("objectAclSample", scope)));
        var listed = string.Join("; ", sample.Public.Take(KeysShown).Select(o => $"{o.Key}: {string.Join(", ", o.Grants.Select(g =>
            $"{g.Permission} to {g.Group}"))}")) + (sample.Public.Count > KeysShown ? $"; and {sample.Public.Count - KeysShown} more" : "");
        var evidence = Evidence(("objectAclSample", scope), ("publicObjects", listed),
            ("publicObjectCount", sample.Public.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (bucket.Ownership.Value?.AclsDisabled == true)
            return CheckOutcome.Pass($"{sample.Public.Count} object ACL(s) list public grants, but BucketOwnerEnforced disables ACLs.", evidence);
        return bucket.PublicAccessBlocks(p => p.IgnorePublicAcls) switch
        {
            BlockState.On => CheckOutcome.Pass($"{sample.Public.Count} object ACL(s) grant public access, but IgnorePublicAcls " +
                $"({bucket.PublicAccessBlockSource(p => p.IgnorePublicAcls)}) neutralises them: {listed}.", evidence),
            BlockState.Unknown => CheckOutcome.Undecided($"{sample.Public.Count} object ACL(s) grant public access ({listed}); whether " +
                $"IgnorePublicAcls neutralises them is unknown: {bucket.UnknownPublicAccessBlock}.", evidence),
            _ => CheckOutcome.Fail($"{sample.Public.Count} of {scope} grant public access: {listed}.",
                sample.Public.Any(o => o.Grants.Any(g => g.Permission is "WRITE_ACP" or "FULL_CONTROL")) ? Severity.Critical : null, evidence),
        };
    }
}
