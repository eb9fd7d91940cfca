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
        var bucket = Subjects.Bucket() with { Acl = Observed<AclList>.Failed(Subjects.Refused("GetBucketAcl: 403 AccessDenied")) };
        Assert.Null(Check.Evaluate(bucket));
    }
}
