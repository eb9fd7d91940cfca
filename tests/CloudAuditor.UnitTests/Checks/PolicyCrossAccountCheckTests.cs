using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class PolicyCrossAccountCheckTests
{
    private static CheckOutcome? Judge(string principal, string? ownAccount = "111122223333") => new PolicyCrossAccountCheck().Evaluate(
        Subjects.Bucket(policyJson: $$"""{"Statement":[{"Effect":"Allow","Principal":{{principal}},"Action":"s3:GetObject"}]}""") with
        {
            Resource = new ResourceRef("arn:aws:s3:::data", "s3-bucket", "data") { Account = ownAccount, Bucket = "data" },
        });

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::444455556666:root"}""")]
    [InlineData("""{"AWS":["arn:aws:iam::111122223333:role/app","arn:aws:iam::444455556666:role/partner"]}""")]
    [InlineData("""{"AWS":"444455556666"}""")]
    public void Foreign_accounts_fail(string principal)
    {
        var outcome = Judge(principal)!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("444455556666", outcome.Evidence!["foreignAccounts"]);
    }

    [Theory]
    [InlineData("""{"AWS":"arn:aws:iam::111122223333:role/app"}""")]
    [InlineData("""{"Service":"logging.s3.amazonaws.com"}""")]
    public void Own_account_and_services_pass(string principal) => Assert.Equal(FindingStatus.Pass, Judge(principal)!.Status);

    [Fact]
    public void Without_the_bucket_account_the_check_is_silent() => Assert.Null(Judge("""{"AWS":"444455556666"}""", null));
}
