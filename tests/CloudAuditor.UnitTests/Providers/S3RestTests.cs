using System.Net;
using System.Text;
using Amazon.Runtime;
using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using ObjectOwnership = CloudAuditor.Core.Model.ObjectOwnership;

namespace CloudAuditor.UnitTests.Providers;

/// <summary>The signed settings reads the provider makes itself: addressing, region redirects, oversized answers, a bucket that is gone.</summary>
public class S3RestTests
{
    private sealed class Answering(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Sent) Sent.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private static readonly AwsTarget Target = new() { Name = "prod", Region = "us-east-1" };

    private static S3SettingsReader Reader(HttpMessageHandler handler, string region = "us-east-1", AwsTarget? target = null)
    {
        var credentials = new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
        var rest = new S3Rest(new HttpClient(handler), target ?? Target, credentials, maxRetries: 0, TimeProvider.System);
        return new S3SettingsReader(rest, region);
    }

    private static HttpResponseMessage Xml(HttpStatusCode status, string body) => new(status) { Content = new StringContent(body, Encoding.UTF8) };

    private const string Enabled = "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>";

    [Fact]
    public async Task A_bucket_in_another_region_is_asked_again_there_and_signed_for_it()
    {
        var http = new Answering(r => r.RequestUri!.Host == "logs.s3.eu-west-1.amazonaws.com"
            ? Xml(HttpStatusCode.OK, $"<AccessControlPolicy><AccessControlList/></AccessControlPolicy>")
            : new HttpResponseMessage(HttpStatusCode.MovedPermanently)
            {
                Headers = { { "x-amz-bucket-region", "eu-west-1" } },
                Content = new StringContent("<Error><Code>PermanentRedirect</Code></Error>"),
            });

        var acl = await Reader(http).AclAsync("logs", CancellationToken.None);

        Assert.True(acl.IsKnown);
        Assert.Equal(["logs.s3.us-east-1.amazonaws.com", "logs.s3.eu-west-1.amazonaws.com"], http.Sent.Select(r => r.RequestUri!.Host));
        Assert.Contains("/eu-west-1/s3/aws4_request", http.Sent[1].Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Regions_that_name_each_other_are_asked_once_each_and_the_refusal_is_reported()
    {
        var http = new Answering(r => new HttpResponseMessage(HttpStatusCode.MovedPermanently)
        {
            Headers = { { "x-amz-bucket-region", r.RequestUri!.Host.Contains("us-east-1", StringComparison.Ordinal) ? "eu-west-1" : "us-east-1" } },
            Content = new StringContent("<Error><Code>PermanentRedirect</Code></Error>"),
        });

        var acl = await Reader(http).AclAsync("logs", CancellationToken.None);

        Assert.Equal(2, http.Sent.Count);
        Assert.Equal("GetBucketAcl: 301 PermanentRedirect", acl.Unreadable);
    }

    [Fact]
    public async Task Keys_are_sent_as_they_are_named_and_dotted_buckets_path_style()
    {
        var http = new Answering(_ => Xml(HttpStatusCode.OK, "<AccessControlPolicy><AccessControlList/></AccessControlPolicy>"));
        var sample = new S3KeySampler.KeySample(["q1 report/ä+b.csv", "a/../b", "x//y"], 1);

        await Reader(http).ObjectAclsAsync("my.site", sample, Observed<ObjectOwnership>.Of(null), CancellationToken.None);

        Assert.Equal(["https://s3.us-east-1.amazonaws.com/my.site/a/../b?acl", "https://s3.us-east-1.amazonaws.com/my.site/q1%20report/%C3%A4%2Bb.csv?acl",
            "https://s3.us-east-1.amazonaws.com/my.site/x//y?acl"], http.Sent.Select(r => r.RequestUri!.OriginalString).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_endpoint_of_the_target_is_addressed_virtual_hosted_unless_path_style_is_asked()
    {
        var http = new Answering(_ => Xml(HttpStatusCode.OK, Enabled));
        var minio = new AwsTarget { Name = "minio", Region = "us-east-1", ServiceUrl = "http://127.0.0.1:9000" };

        await Reader(http, target: minio).RetentionAsync("data", CancellationToken.None);
        await Reader(http, target: new AwsTarget { Name = "minio", Region = "us-east-1", ServiceUrl = "http://127.0.0.1:9000", ForcePathStyle = true })
            .RetentionAsync("data", CancellationToken.None);

        Assert.Contains("http://data.127.0.0.1:9000/?versioning", http.Sent.Select(r => r.RequestUri!.OriginalString));
        Assert.Contains("http://127.0.0.1:9000/data?versioning", http.Sent.Select(r => r.RequestUri!.OriginalString));
    }

    [Fact]
    public async Task An_answer_larger_than_any_setting_is_not_read_and_the_setting_is_malformed()
    {
        var huge = new string('x', S3Rest.MaxAnswerBytes + 1);
        // Twice: once announced by Content-Length, once streamed without it.
        foreach (var announced in new[] { true, false })
        {
            var http = new Answering(_ => new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = announced ? new StringContent(huge) : new StreamContent(new UnannouncedStream(Encoding.ASCII.GetBytes(huge))),
            });

            var tags = await Reader(http).TagsAsync("data", CancellationToken.None);

            Assert.False(tags.IsKnown);
            Assert.Equal(FaultKind.Malformed, tags.Fault!.Kind);
            Assert.Contains("larger than 4 MiB", tags.Unreadable, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bucket_that_is_gone_is_not_one_unreadable_setting()
    {
        var http = new Answering(_ => Xml(HttpStatusCode.NotFound, "<Error><Code>NoSuchBucket</Code></Error>"));

        var gone = await Assert.ThrowsAsync<FaultException>(() => Reader(http).PolicyAsync("data", CancellationToken.None));

        Assert.Equal(FaultKind.NotFound, gone.Fault.Kind);
    }

    [Fact]
    public async Task Not_configured_is_null_and_any_other_refusal_a_named_fault()
    {
        var http = new Answering(r => r.RequestUri!.Query == "?policy"
            ? Xml(HttpStatusCode.NotFound, "<Error><Code>NoSuchBucketPolicy</Code></Error>")
            : Xml(HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code></Error>"));

        var policy = await Reader(http).PolicyAsync("data", CancellationToken.None);
        var website = await Reader(http).WebsiteAsync("data", CancellationToken.None);

        Assert.True(policy.IsKnown);
        Assert.Null(policy.Value);
        Assert.Equal("GetBucketWebsite: 403 AccessDenied", website.Unreadable);
    }

    /// <summary>A body whose length is not known up front (chunked).</summary>
    private sealed class UnannouncedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
