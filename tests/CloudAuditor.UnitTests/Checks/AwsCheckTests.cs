using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class AclPublicGrantCheckTests
{
    private static readonly AclPublicGrantCheck Check = new();

    [Fact]
    public void Owner_only_acl_passes() => Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket())!.Status);

    [Theory]
    [InlineData("READ", Severity.High)]
    [InlineData("WRITE", Severity.Critical)]
    [InlineData("FULL_CONTROL", Severity.Critical)]
    [InlineData("READ_ACP", Severity.Medium)]
    public void AllUsers_grant_fails_with_severity_by_permission(string permission, Severity severity)
    {
        var outcome = Check.Evaluate(Subjects.Bucket([Subjects.OwnerGrant, Subjects.AllUsers(permission)], pab: Subjects.NoBlock))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal(severity, outcome.Severity);
        Assert.Contains($"{permission} to AllUsers", outcome.Detail);
    }

    [Fact]
    public void AuthenticatedUsers_grant_fails()
    {
        var grant = new AclGrant(AclGranteeGroup.AuthenticatedUsers, "http://acs.amazonaws.com/groups/global/AuthenticatedUsers", "READ");
        Assert.Equal(FindingStatus.Fail, Check.Evaluate(Subjects.Bucket([grant], pabConfigured: false))!.Status);
    }

    [Fact]
    public void IgnorePublicAcls_neutralises_public_grants()
    {
        var outcome = Check.Evaluate(Subjects.Bucket([Subjects.AllUsers("READ")], pab: Subjects.NoBlock with { IgnorePublicAcls = true }))!;
        Assert.Equal(FindingStatus.Pass, outcome.Status);
        Assert.Contains("neutralises", outcome.Detail);
    }

    [Fact]
    public void Unreadable_acl_is_not_judged()
    {
        var bucket = Subjects.Bucket() with { Acl = Observed<AclList>.Failed("GetBucketAcl: 403 AccessDenied") };
        Assert.Null(Check.Evaluate(bucket));
    }
}

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
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket(policyJson: PublicRead, pab: Subjects.NoBlock with { RestrictPublicBuckets = true }))!.Status);

    [Fact]
    public void Unreadable_policy_is_not_judged() =>
        Assert.Null(Check.Evaluate(Subjects.Bucket() with { Policy = Observed<BucketPolicy>.Failed("GetBucketPolicy: 403 AccessDenied") }));
}

public class PublicAccessBlockCheckTests
{
    private static readonly PublicAccessBlockCheck Check = new();

    [Fact]
    public void All_on_passes() => Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket())!.Status);

    [Fact]
    public void Missing_configuration_fails() => Assert.Equal(FindingStatus.Fail, Check.Evaluate(Subjects.Bucket(pabConfigured: false))!.Status);

    [Fact]
    public void Partial_configuration_names_what_is_off()
    {
        var outcome = Check.Evaluate(Subjects.Bucket(pab: new PublicAccessBlock(true, false, true, false)))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("IgnorePublicAcls,RestrictPublicBuckets", outcome.Evidence!["settingsOff"]);
    }
}

public class BucketWebsiteCheckTests
{
    [Fact]
    public void No_website_passes() => Assert.Equal(FindingStatus.Pass, new BucketWebsiteCheck().Evaluate(Subjects.Bucket())!.Status);

    [Fact]
    public void Website_fails() =>
        Assert.Equal(FindingStatus.Fail, new BucketWebsiteCheck().Evaluate(Subjects.Bucket(website: new WebsiteConfiguration("index.html", null)))!.Status);
}

public class AnonymousAccessCheckTests
{
    [Fact]
    public void Allowed_probe_fails_even_with_safe_settings()
    {
        var outcome = new AnonymousAccessCheck().Evaluate(Subjects.Bucket(probe: Subjects.Allowed))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("allowed", outcome.Evidence!["anonymousProbe"]);
    }

    [Fact]
    public void Denied_probe_passes() => Assert.Equal(FindingStatus.Pass, new AnonymousAccessCheck().Evaluate(Subjects.Bucket(probe: Subjects.Denied))!.Status);

    [Fact]
    public void No_probe_is_not_judged() => Assert.Null(new AnonymousAccessCheck().Evaluate(Subjects.Bucket()));
}
