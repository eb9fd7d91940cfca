using System.Net;
using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>Keyless AWS: an Entra ID token exchanged with STS (replayed AWS response), then S3 signed with the temporary keys.</summary>
public class WebIdentityTests
{
    private sealed class Capture(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<(string Url, string? Authorization, string? SecurityToken, string Body)> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Seen.Add((request.RequestUri!.ToString(), request.Headers.TryGetValues("Authorization", out var a) ? a.First() : null,
                request.Headers.TryGetValues("x-amz-security-token", out var t) ? t.First() : null, body));
            return await base.SendAsync(request, cancellationToken);
        }
    }

    [Fact]
    public async Task The_entra_token_buys_temporary_credentials_that_sign_s3_calls()
    {
        var replay = new RecordedHttpHandler()
            .On(r => r.RequestUri!.Host.StartsWith("sts.", StringComparison.Ordinal), HttpStatusCode.OK, "aws/sts-assume-role-with-web-identity.xml",
                "text/xml")
            .On(r => r.RequestUri!.Host.StartsWith("s3.", StringComparison.Ordinal), HttpStatusCode.OK, "aws/list-buckets.xml");
        var http = new Capture(replay);
        var audiences = new List<string>();
        var settings = new AwsClientFactory(new SweepSettings { MaxRetries = 0 })
        {
            Handler = http,
            WebIdentityTokens = (audience, _) =>
            {
                audiences.Add(audience);
                return ValueTask.FromResult("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-for-tests.signature");
            },
        };
        var target = new AwsTarget { Name = "keyless", Region = "us-east-1", RoleArn = "arn:aws:iam::111122223333:role/cloudauditor-readonly",
            WebIdentityAudience = "api://AzureADTokenExchange", AccountId = "111122223333" };

        using var s3 = settings.CreateS3Client(target, "us-east-1");
        var buckets = await s3.ListBucketsAsync();

        Assert.Equal(2, buckets.Buckets!.Count);
        Assert.Equal(["api://AzureADTokenExchange"], audiences);
        var sts = Assert.Single(http.Seen, s => s.Url.Contains("sts.", StringComparison.Ordinal));
        Assert.Null(sts.Authorization);
        Assert.Contains("Action=AssumeRoleWithWebIdentity", sts.Body);
        Assert.Contains("WebIdentityToken=eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.entra-token-for-tests.signature", sts.Body);
        Assert.Contains("RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fcloudauditor-readonly", sts.Body);
        var list = Assert.Single(http.Seen, s => s.Url.Contains("s3.", StringComparison.Ordinal));
        Assert.Contains("Credential=ASIAZ7VRSQ5NJ2XGPQ3M/", list.Authorization);
        Assert.StartsWith("IQoJb3JpZ2luX2Vj", list.SecurityToken);
        Assert.Empty(replay.Unmatched);
    }

    [Fact]
    public void Web_identity_without_a_host_identity_is_a_clear_configuration_error()
    {
        var config = new AuditorConfig { Aws = [new AwsTarget { Name = "keyless", RoleArn = "arn:aws:iam::111122223333:role/r",
            WebIdentityAudience = "api://AzureADTokenExchange" }] };
        var target = new AwsInventoryFactory(NullLoggerFactory.Instance).Create(config).Single();
        var e = Assert.Throws<ConfigException>(() => new AwsClientFactory(new SweepSettings()).CreateS3Client(config.Aws[0], "us-east-1"));
        Assert.Contains("no identity to get tokens from", e.Message);
        Assert.Equal("keyless", target.Name);
    }

    [Fact]
    public void Web_identity_needs_a_role_and_no_keys() =>
        Assert.Contains("webIdentityAudience needs roleArn", Assert.Throws<ConfigException>(() =>
            ConfigLoader.Parse("aws:\n  - name: a\n    webIdentityAudience: api://AzureADTokenExchange\n")).Message);
}
