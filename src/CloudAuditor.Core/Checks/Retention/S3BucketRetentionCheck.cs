using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Retention;

public sealed class S3BucketRetentionCheck : RetentionCheck<S3Bucket>
{
    public const string Id = "aws.s3.retention";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Retention, Severity.High,
        "Bucket retention does not meet its data class",
        Risk,
        "Enable versioning, S3 Object Lock (COMPLIANCE mode with the required default retention) or a lifecycle expiration as the data class requires.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.3"]);
}
