using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>The proof rather than the settings: what an unauthenticated request to the bucket actually got.</summary>
public sealed class AnonymousAccessCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.anonymous-access";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Critical,
        "Bucket answers anonymous requests",
        "An unsigned request succeeded, so the data is public whatever the settings suggest.",
        "Turn on the bucket's public access block, then remove public ACL grants and public policy statements.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        var evidence = bucket.Probe.AsEvidence().ToDictionary();
        return bucket.Probe.Outcome switch
        {
            ProbeOutcome.Allowed => CheckOutcome.Fail($"Proven public: {bucket.Probe.Summary}.", evidence: evidence),
            ProbeOutcome.Denied => CheckOutcome.Pass($"Anonymous request refused: {bucket.Probe.Summary}.", evidence),
            _ => null,
        };
    }
}
