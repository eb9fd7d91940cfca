using System.Text.Json;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Remediation;

public class PolicyRewriteTests
{
    [Fact]
    public void Only_public_statements_are_removed_and_everything_else_is_kept()
    {
        var policy = BucketPolicy.Parse(Recorded.Read("aws/policy-public-read.json"));
        var rewritten = policy.WithoutPublicStatements()!;
        using var doc = JsonDocument.Parse(rewritten);
        Assert.Equal("2012-10-17", doc.RootElement.GetProperty("Version").GetString());
        var statement = Assert.Single(doc.RootElement.GetProperty("Statement").EnumerateArray());
        Assert.Equal("DenyInsecureTransport", statement.GetProperty("Sid").GetString());
        Assert.Empty(BucketPolicy.Parse(rewritten).PublicStatements);
    }

    [Fact]
    public void A_policy_of_only_public_statements_is_not_emptied() =>
        Assert.Null(BucketPolicy.Parse("""{"Statement":{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}""").WithoutPublicStatements());
}
