using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

public sealed class PublicAccessBlockCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.public-access-block";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Bucket public access block is not fully on",
        "The public access block is the guard rail that keeps a future ACL or policy mistake from exposing data.",
        "Turn on all four settings: aws s3api put-public-access-block --public-access-block-configuration " +
        "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.PublicAccessBlock.IsKnown) return null;
        if (bucket.PublicAccessBlock.Value is not { } pab) return CheckOutcome.Fail("The bucket has no public access block configuration.");
        var off = pab.SettingsOff().ToList();
        return off.Count == 0
            ? CheckOutcome.Pass("All four public access block settings are on.")
            : CheckOutcome.Fail($"Off: {string.Join(", ", off)}.", evidence: Evidence(("settingsOff", string.Join(",", off))));
    }
}
