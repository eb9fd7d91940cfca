using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>Block Public Access as S3 applies it: each setting counts when on at bucket or account level.</summary>
public sealed class PublicAccessBlockCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.public-access-block";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Bucket public access block is not fully on",
        "The public access block is the guard rail that keeps a future ACL or policy mistake from exposing data.",
        "Turn on all four settings: aws s3api put-public-access-block --public-access-block-configuration " +
        "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true (or for the whole account: " +
        "aws s3control put-public-access-block).",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.PublicAccessBlock.IsKnown) return null;
        var states = PublicAccessBlock.Settings
            .Select(s => (s.Name, State: bucket.PublicAccessBlocks(s.IsOn), Source: bucket.PublicAccessBlockSource(s.IsOn)))
            .ToList();
        var off = states.Where(s => s.State == BlockState.Off).Select(s => s.Name).ToList();
        var unknown = states.Where(s => s.State == BlockState.Unknown).Select(s => s.Name).ToList();
        var on = string.Join(", ", states.Where(s => s.State == BlockState.On).Select(s => $"{s.Name} ({s.Source})"));
        var evidence = Evidence(("settingsOff", off.Count > 0 ? string.Join(",", off) : null), ("settingsOn", on.Length > 0 ? on : null),
            ("settingsUnknown", unknown.Count > 0 ? string.Join(",", unknown) : null));
        if (off.Count > 0)
            return CheckOutcome.Fail(bucket.PublicAccessBlock.Value is null && bucket.AccountPublicAccessBlock.Value is null
                ? "Neither the bucket nor the account has a public access block configuration."
                : $"Off at both bucket and account level: {string.Join(", ", off)}.", evidence: evidence);
        if (unknown.Count > 0)
            return CheckOutcome.Undecided($"{string.Join(", ", unknown)} not on at bucket level, and the account level is unknown: " +
                $"{bucket.UnknownPublicAccessBlock}.", evidence);
        return CheckOutcome.Pass($"All four public access block settings are on: {on}.", evidence);
    }
}
