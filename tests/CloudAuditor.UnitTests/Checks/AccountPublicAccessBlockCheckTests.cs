using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class AccountPublicAccessBlockCheckTests
{
    private static readonly AccountPublicAccessBlockCheck Check = new();

    private static AwsAccount Account(Observed<PublicAccessBlock> block) => new(AwsAccount.For("111122223333"), block);

    [Fact]
    public void All_on_passes() =>
        Assert.Equal(FindingStatus.Pass, Check.Evaluate(Account(Observed<PublicAccessBlock>.Of(new PublicAccessBlock(true, true, true, true))))!.Status);

    [Fact]
    public void None_or_partial_fails_naming_what_is_off()
    {
        Assert.Equal("The account has no Block Public Access configuration.", Check.Evaluate(Account(Observed<PublicAccessBlock>.Of(null)))!.Detail);
        var partial = Check.Evaluate(Account(Observed<PublicAccessBlock>.Of(new PublicAccessBlock(true, true, false, false))))!;
        Assert.Equal("BlockPublicPolicy,RestrictPublicBuckets", partial.Evidence!["settingsOff"]);
    }

    [Fact]
    public void Unread_is_not_judged() =>
        Assert.Null(Check.Evaluate(Account(Observed<PublicAccessBlock>.Failed(new Fault(FaultKind.AccessDenied, "GetPublicAccessBlock (account): 403")))));
}
