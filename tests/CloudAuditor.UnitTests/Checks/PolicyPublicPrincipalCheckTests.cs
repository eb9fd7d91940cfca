using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class PolicyPublicPrincipalCheckTests
{
    private const string PublicRead = """
        {"Version":"2012-10-17","Statement":[{"Sid":"PublicRead","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::data/*"}]}
        """;

    private static readonly PolicyPublicPrincipalCheck Check = new();

    [Fact]
    public void No_policy_passes() => Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket())!.Status);

    [Fact]
    public void Public_statement_fails_critical()
    {
        var outcome = Check.Evaluate(Subjects.Bucket(policyJson: PublicRead, pab: Subjects.NoBlock))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal(Severity.Critical, Check.Definition.Severity);
        Assert.Contains("PublicRead", outcome.Detail);
    }

    [Fact]
    public void RestrictPublicBuckets_neutralises_public_statements() =>
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket(policyJson: PublicRead,
            pab: Subjects.NoBlock with { RestrictPublicBuckets = true }))!.Status);

    [Fact]
    public void Unreadable_policy_is_not_judged() =>
        Assert.Null(Check.Evaluate(Subjects.Bucket() with { Policy = Observed<BucketPolicy>.Failed(Subjects.Refused("GetBucketPolicy: 403 AccessDenied")) }));
}
