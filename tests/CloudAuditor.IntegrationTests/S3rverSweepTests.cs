using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public class S3rverSweepTests(Emulators emulators)
{
    private AmazonS3Client Client() => new(new BasicAWSCredentials("S3RVER", "S3RVER"),
        new AmazonS3Config { ServiceURL = emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    private AuditorConfig Config(params string[] buckets) => new()
    {
        Sweep = new SweepSettings { MaxRetries = 1 },
        Aws = [new AwsTarget { Name = "s3rver", ServiceUrl = emulators.S3Url, ForcePathStyle = true, AccessKeyId = "S3RVER", SecretAccessKey = "S3RVER",
            Buckets = [.. buckets] }],
    };

    [Fact]
    public async Task Website_bucket_is_flagged_and_the_open_endpoint_is_proven_public()
    {
        using var s3 = Client();
        var bucket = Sweeps.Unique("site");
        await s3.PutBucketAsync(bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "pages/index.html", ContentBody = "<html/>", UseChunkEncoding = false });
        await s3.PutBucketWebsiteAsync(new PutBucketWebsiteRequest { BucketName = bucket,
            WebsiteConfiguration = new Amazon.S3.Model.WebsiteConfiguration { IndexDocumentSuffix = "index.html" } });

        var (findings, _) = await Sweeps.RunAsync(Config(bucket));
        var byCheck = findings.ToDictionary(f => f.CheckId);

        Assert.Equal(FindingStatus.Fail, byCheck["aws.s3.static-website"].Status);
        Assert.Contains("index.html", byCheck["aws.s3.static-website"].Detail);
        // s3rver has no authentication at all, so an unsigned object read really does succeed
        // (the bucket root answers as a website, so the proof comes from the one-byte read).
        var proof = byCheck["aws.s3.anonymous-access"];
        Assert.Equal(FindingStatus.Fail, proof.Status);
        Assert.Equal("allowed", proof.Evidence!["anonymousProbe"]);
        Assert.Contains("pages/index.html", proof.Evidence["anonymousProbeRequest"]);
    }

    [Fact]
    public async Task Object_acls_are_sampled_across_the_bucket_prefixes()
    {
        using var s3 = Client();
        var bucket = Sweeps.Unique("spread");
        await s3.PutBucketAsync(bucket);
        // One level of prefixes: s3rver leaves nested ones (2024/01/...) out of a delimited listing's CommonPrefixes. A key with a space, a
        // plus and a non-ASCII letter: s3rver checks each ACL read's signature over the path as sent.
        foreach (var key in new[] { "alpha/a.csv", "alpha/b.csv", "beta/c d+ä.csv", "exports/d.csv", "root.txt" })
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = "x", UseChunkEncoding = false });

        var (findings, _) = await Sweeps.RunAsync(Config(bucket));
        var sample = Assert.Single(findings, f => f.CheckId == "aws.s3.object-acl-public");
        Assert.Equal(FindingStatus.Pass, sample.Status);
        Assert.Equal("5 sampled object(s) across 3 prefix(es)", sample.Evidence!["objectAclSample"]);
    }

    [Fact]
    public async Task Settings_the_endpoint_cannot_serve_are_reported_not_guessed()
    {
        using var s3 = Client();
        var bucket = Sweeps.Unique("plain");
        await s3.PutBucketAsync(bucket);

        var (findings, _) = await Sweeps.RunAsync(Config(bucket));

        var unreadable = Assert.Single(findings, f => f.CheckId == "aws.s3.settings-unreadable");
        Assert.Contains("GetBucketAcl: 501 NotImplemented", unreadable.Detail);
        Assert.Contains("GetBucketPolicy: 405", unreadable.Detail);
        Assert.DoesNotContain(findings, f => f.CheckId is "aws.s3.acl-public-grant" or "aws.s3.policy-public-principal" or "aws.s3.public-access-block");
        Assert.Equal(FindingStatus.Pass, Assert.Single(findings, f => f.CheckId == "aws.s3.static-website").Status);
    }

    [Fact]
    public async Task A_missing_bucket_is_an_error_finding_and_the_sweep_goes_on()
    {
        using var s3 = Client();
        var real = Sweeps.Unique("real");
        await s3.PutBucketAsync(real);
        var (findings, summary) = await Sweeps.RunAsync(Config(Sweeps.Unique("missing"), real));
        Assert.Contains(findings, f => f.Status == FindingStatus.Error && f.Resource.Bucket != real);
        Assert.Contains(findings, f => f.CheckId == "aws.s3.static-website" && f.Resource.Bucket == real);
        Assert.Equal(1, summary.Coverage.Kinds.Single(k => k.Kind == "bucket").NotAudited);
    }
}
