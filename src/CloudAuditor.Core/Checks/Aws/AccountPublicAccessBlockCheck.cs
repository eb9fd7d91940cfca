using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>The account-wide guard rail: with all four settings on at account level, no bucket in it can be made public.</summary>
public sealed class AccountPublicAccessBlockCheck : Check<AwsAccount>
{
    public const string Id = "aws.account.public-access-block";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.High,
        "Account-level S3 Block Public Access is not fully on",
        "Without the account-level block, every bucket's exposure depends on that bucket's own settings, and a new bucket or a changed policy can be public.",
        "Turn on all four settings for the account: aws s3control put-public-access-block --account-id ID --public-access-block-configuration " +
        "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(AwsAccount account, CheckContext context)
    {
        if (!account.PublicAccessBlock.IsKnown) return null;
        if (account.PublicAccessBlock.Value is not { } block)
            return CheckOutcome.Fail("The account has no Block Public Access configuration.", evidence: Evidence(("settingsOff", "all")));
        var off = block.SettingsOff().ToList();
        return off.Count == 0
            ? CheckOutcome.Pass("All four Block Public Access settings are on for the account.")
            : CheckOutcome.Fail($"Off at account level: {string.Join(", ", off)}.", evidence: Evidence(("settingsOff", string.Join(",", off))));
    }
}
