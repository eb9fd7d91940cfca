using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>ACLs still in force: every object can carry its own public grant, which no bucket-level review sees.</summary>
public sealed class AclsEnabledCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.acls-enabled";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Bucket ACLs are enabled (Object Ownership is not BucketOwnerEnforced)",
        "With ACLs enabled, any writer can make a single object public with an object ACL; AWS disables ACLs by default on buckets created since April 2023.",
        "Move any access granted by ACLs into the bucket policy, then set Object Ownership to BucketOwnerEnforced " +
        "(aws s3api put-bucket-ownership-controls --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]).",
        ["AWS Foundational Security Best Practices S3.12"]);

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.Ownership.IsKnown) return null;
        var setting = bucket.Ownership.Value?.Setting ?? "ObjectWriter (no ownership controls)";
        var evidence = Evidence(("objectOwnership", setting));
        return bucket.Ownership.Value?.AclsDisabled == true
            ? CheckOutcome.Pass("ACLs are disabled: Object Ownership is BucketOwnerEnforced.", evidence)
            : CheckOutcome.Fail($"ACLs are in force: Object Ownership is {setting}.", evidence: evidence);
    }
}
