using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

public sealed class BucketWebsiteCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.static-website";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Bucket is configured as a static website",
        "Website hosting is how buckets are meant to be public; data buckets should never have it.",
        "Delete the website configuration (aws s3api delete-bucket-website), or serve the site through CloudFront with origin access control.",
        []);

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.Website.IsKnown) return null;
        return bucket.Website.Value is { } site
            ? CheckOutcome.Fail(site.RedirectAllRequestsTo is { } target
                ? $"Website hosting redirects all requests to {target}."
                : $"Website hosting is on with index document '{site.IndexDocument}'.")
            : CheckOutcome.Pass("No website configuration.");
    }
}
