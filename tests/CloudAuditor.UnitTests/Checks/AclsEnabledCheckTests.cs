using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class AclsEnabledCheckTests
{
    private static readonly AclsEnabledCheck Check = new();

    [Fact]
    public void No_ownership_controls_means_acls_are_in_force()
    {
        var outcome = Check.Evaluate(Subjects.Bucket())!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("ObjectWriter (no ownership controls)", outcome.Evidence!["objectOwnership"]);
    }

    [Fact]
    public void Bucket_owner_enforced_passes() =>
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket() with
        {
            Ownership = Observed<ObjectOwnership>.Of(new ObjectOwnership(ObjectOwnership.BucketOwnerEnforced)),
        })!.Status);

    [Fact]
    public void Unread_ownership_is_not_judged() =>
        Assert.Null(Check.Evaluate(Subjects.Bucket() with { Ownership = Observed<ObjectOwnership>.NotRead("not read") }));
}
