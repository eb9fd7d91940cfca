using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class ObjectAclPublicCheckTests
{
    private static readonly ObjectAclPublicCheck Check = new();

    private static S3Bucket WithSample(ObjectAclSample sample, PublicAccessBlock? pab = null) =>
        Subjects.Bucket(pab: pab ?? Subjects.NoBlock) with { ObjectAcls = Observed<ObjectAclSample>.Of(sample) };

    private static readonly ObjectAclSample OnePublic = new(20, 4, [new ObjectAclExposure("b/shared.png", [Subjects.AllUsers("READ")])]);

    [Fact]
    public void A_public_object_fails_and_names_it() =>
        Assert.Equal("b/shared.png: READ to AllUsers", Check.Evaluate(WithSample(OnePublic))!.Evidence!["publicObjects"]);

    [Fact]
    public void A_clean_sample_passes_saying_what_was_sampled()
    {
        var outcome = Check.Evaluate(WithSample(new ObjectAclSample(18, 4, []) { KeysUnread = 2, UnreadReason = "GetObjectAcl: 403 AccessDenied" }))!;
        Assert.Equal(FindingStatus.Pass, outcome.Status);
        Assert.Contains("18 sampled object(s) across 4 prefix(es); 2 more could not be read (GetObjectAcl: 403 AccessDenied)", outcome.Detail);
    }

    [Fact]
    public void IgnorePublicAcls_at_either_level_neutralises_object_grants()
    {
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(WithSample(OnePublic, Subjects.NoBlock with { IgnorePublicAcls = true }))!.Status);
        var accountOn = WithSample(OnePublic) with { AccountPublicAccessBlock = Observed<PublicAccessBlock>.Of(new PublicAccessBlock(true, true, true, true)) };
        Assert.Contains("(account)", Check.Evaluate(accountOn)!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_account_block_leaves_it_undecided()
    {
        var unknown = WithSample(OnePublic) with
        {
            AccountPublicAccessBlock = Observed<PublicAccessBlock>.Failed(
                new Fault(FaultKind.AccessDenied, "GetPublicAccessBlock (account): 403 AccessDenied")),
        };
        var outcome = Check.Evaluate(unknown)!;
        Assert.Equal(FindingStatus.Error, outcome.Status);
        Assert.StartsWith("Undecided:", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Acls_disabled_by_ownership_grant_nothing() =>
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(WithSample(OnePublic) with
        {
            Ownership = Observed<ObjectOwnership>.Of(new ObjectOwnership(ObjectOwnership.BucketOwnerEnforced)),
        })!.Status);

    [Fact]
    public void No_sample_is_not_judged() => Assert.Null(Check.Evaluate(Subjects.Bucket()));
}
