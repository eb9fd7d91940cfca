using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Config;

namespace CloudAuditor.IntegrationTests;

/// <summary>S3 throttling injected between the auditor and s3rver: the sweep retries its way to the fault-free result.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class S3FaultInjectionTests(Emulators emulators) : IAsyncLifetime
{
    private readonly FaultProxy _proxy = new(emulators.S3Port);
    private readonly List<string> _websites = [];
    private readonly List<string> _plain = [];

    public async Task InitializeAsync()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        for (var i = 0; i < 8; i++)
        {
            var bucket = Sweeps.Unique($"thr{i}");
            await s3.PutBucketAsync(bucket);
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "index.html", ContentBody = "<html/>", UseChunkEncoding = false });
            if (i % 2 == 0)
            {
                await s3.PutBucketWebsiteAsync(new PutBucketWebsiteRequest { BucketName = bucket,
                    WebsiteConfiguration = new WebsiteConfiguration { IndexDocumentSuffix = "index.html" } });
                _websites.Add(bucket);
            }
            else
            {
                _plain.Add(bucket);
            }
        }
    }

    public Task DisposeAsync()
    {
        _proxy.Dispose();
        return Task.CompletedTask;
    }

    private AuditorConfig Config() => new()
    {
        Sweep = new SweepSettings { MaxRetries = 5, RequestTimeoutSeconds = 10 },
        Aws = [new AwsTarget
        {
            Name = "s3rver", ServiceUrl = $"http://127.0.0.1:{_proxy.Port}", ForcePathStyle = true, AccessKeyId = "S3RVER", SecretAccessKey = "S3RVER",
            Buckets = [.. _websites, .. _plain],
        }],
    };

    [Fact]
    public async Task SlowDown_on_30_percent_of_requests_gives_the_same_fingerprints_coverage_and_anonymous_proofs()
    {
        var (clean, cleanSummary) = await Sweeps.RunAsync(Config());

        _proxy.Rule = FaultProxy.ThrottleFirstAttempts(0.3, "SlowDown");
        var (throttled, summary) = await Sweeps.RunAsync(Config());

        Assert.True(_proxy.Injected > 10, $"only {_proxy.Injected} requests were throttled");
        // Every throttled answer reached the summary's tally, and the retries were counted as requests.
        Assert.Equal(_proxy.Injected, summary.Requests!.Throttled);
        Assert.True(summary.Requests.Requests > _proxy.Injected);
        var unreadable = string.Join("\n", throttled.Where(f => f.CheckId == "aws.s3.settings-unreadable").Select(f => f.Detail));
        Assert.True(cleanSummary.Coverage.Lines().SequenceEqual(summary.Coverage.Lines()), string.Join("\n", summary.Coverage.Lines()) + "\n" + unreadable);
        Assert.Equal(clean.Select(f => (f.Fingerprint, f.CheckId, f.Status)).ToHashSet(),
            throttled.Select(f => (f.Fingerprint, f.CheckId, f.Status)).ToHashSet());
        var proven = throttled.Where(f => f.CheckId == "aws.s3.anonymous-access" && f.Evidence?["anonymousProbe"] == "allowed").Select(f => f.Resource.Bucket);
        // s3rver checks no credentials at all, so every bucket really is readable anonymously: all eight are proven.
        Assert.Equal(_websites.Concat(_plain).Order(), proven.Order());
        Assert.DoesNotContain(throttled, f => f.Detail?.Contains("throttled", StringComparison.OrdinalIgnoreCase) == true);
    }
}
