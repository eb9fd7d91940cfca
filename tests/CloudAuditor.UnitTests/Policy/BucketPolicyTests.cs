using CloudAuditor.Core.Model;
using CloudAuditor.Core.Policy;

namespace CloudAuditor.UnitTests.Policy;

public class BucketPolicyTests
{
    private static StatementVerdict Verdict(string statement) =>
        Assert.Single(BucketPolicy.Parse($$"""{"Version":"2012-10-17","Statement":[{{statement}}]}""").Verdict.Statements);

    [Theory]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject"}""")]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"*"},"Action":["s3:GetObject","s3:ListBucket"]}""")]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111122223333:root","*"]},"Action":"s3:*"}""")]
    [InlineData("""{"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"s3:GetObject"}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"Bool":{"aws:SecureTransport":"true"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"0.0.0.0/0"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringLike":{"aws:PrincipalOrgID":"*"}}}""")]
    public void Statements_open_to_anyone_are_public(string statement) => Assert.Equal(PolicyReach.Public, Verdict(statement).Reach);

    [Theory]
    [InlineData("""{"Effect":"Deny","Principal":"*","Action":"s3:*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:role/reader"},"Action":"s3:GetObject"}""")]
    [InlineData("""{"Effect":"Allow","Principal":{"Service":"logging.s3.amazonaws.com"},"Action":"s3:PutObject"}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"StringEquals":{"aws:PrincipalOrgID":["o-abc123"]}}}""")]
    [InlineData("""{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}""")]
    public void Restricted_or_named_statements_are_not_public(string statement) => Assert.NotEqual(PolicyReach.Public, Verdict(statement).Reach);

    [Fact]
    public void A_single_statement_object_is_accepted()
    {
        var policy = BucketPolicy.Parse("""{"Statement":{"Sid":"One","Effect":"Allow","Principal":"*","Action":"s3:GetObject"}}""");
        Assert.Equal("One", Assert.Single(policy.PublicStatements).Sid);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"Version":"2012-10-17"}""")]
    public void Malformed_policies_are_a_format_error(string json) => Assert.Throws<FormatException>(() => BucketPolicy.Parse(json));
}
