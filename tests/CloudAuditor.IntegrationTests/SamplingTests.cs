using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.SensitiveData;

namespace CloudAuditor.IntegrationTests;

/// <summary>Content sampling through the real SDKs against Azurite and s3rver: range reads, whole archives, budgets.</summary>
[Collection(EmulatorCollection.Name)]
public class SamplingTests(Emulators emulators)
{
    private const string PeopleCsv = "name,email,ssn,card\nAda,ada@example.com,536-22-8726,4111 1111 1111 1111\n";

    private async Task<string> ContainerAsync(PublicAccessType access, params (string Name, byte[] Content)[] blobs)
    {
        var name = Sweeps.Unique("sample");
        var container = new BlobContainerClient(emulators.AzuriteConnectionString, name);
        await container.CreateAsync(access);
        foreach (var (blob, content) in blobs) await container.UploadBlobAsync(blob, BinaryData.FromBytes(content));
        return name;
    }

    private AuditorConfig AzureConfig(string container, SamplingSettings? sampling = null) => new()
    {
        Sweep = new SweepSettings { MaxRetries = 1 },
        Sampling = sampling ?? new SamplingSettings(),
        Azure = [new AzureTarget { Name = "azurite", ConnectionString = emulators.AzuriteConnectionString, Containers = [container] }],
    };

    [Fact]
    public async Task Pii_in_a_private_container_is_reported_per_object_with_masks_only()
    {
        var name = await ContainerAsync(PublicAccessType.None, ("exports/people.csv", Fixtures.Utf8(PeopleCsv)), ("readme.txt", Fixtures.Utf8("nothing")));
        var (findings, _) = await Sweeps.RunAsync(AzureConfig(name));

        var finding = Assert.Single(findings, f => f.Type == FindingType.SensitiveData);
        Assert.Equal("azure.blob.sensitive-data", finding.CheckId);
        Assert.Equal("exports/people.csv", finding.Object);
        Assert.Equal(name, finding.Resource.Container);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal(["CREDIT_CARD", "EMAIL_ADDRESS", "US_SSN"], finding.Entities!.Select(e => e.Type));
        Assert.DoesNotContain("536-22-8726", System.Text.Json.JsonSerializer.Serialize(finding));
    }

    [Fact]
    public async Task Pii_in_a_public_container_is_critical_and_archives_are_read_whole()
    {
        var name = await ContainerAsync(PublicAccessType.Blob, ("hr/staff.docx", Fixtures.Docx("Staff", "SSN 536-22-8726")),
            ("bundle.zip", Fixtures.Zip(("people.csv", Fixtures.Utf8(PeopleCsv)))));
        var (findings, _) = await Sweeps.RunAsync(AzureConfig(name));

        var data = findings.Where(f => f.Type == FindingType.SensitiveData).ToList();
        Assert.All(data, f => Assert.Equal(Severity.Critical, f.Severity));
        Assert.Contains(data, f => f.Object == "hr/staff.docx" && f.Member == "word/document.xml");
        Assert.Contains(data, f => f.Object == "bundle.zip" && f.Member == "people.csv");
    }

    [Fact]
    public async Task Range_reads_respect_the_byte_budget_and_say_so()
    {
        var big = Fixtures.Utf8(string.Concat(Enumerable.Repeat("contact ada@example.com\n", 20_000)));
        var name = await ContainerAsync(PublicAccessType.None, ("big.log", big));
        var (findings, _) = await Sweeps.RunAsync(AzureConfig(name, new SamplingSettings { BytesPerObject = 4096 }));

        var finding = Assert.Single(findings, f => f.Type == FindingType.SensitiveData);
        var email = Assert.Single(finding.Entities!);
        Assert.InRange(email.Count, 150, 171);
        Assert.Contains("first 4,096 bytes", finding.Detail);
    }

    [Fact]
    public async Task Objects_per_container_and_sweep_budgets_cap_the_reads()
    {
        var blobs = Enumerable.Range(0, 5).Select(i => ($"f{i}.csv", Fixtures.Utf8(PeopleCsv))).ToArray();
        var name = await ContainerAsync(PublicAccessType.None, blobs);
        var (perContainer, _) = await Sweeps.RunAsync(AzureConfig(name, new SamplingSettings { ObjectsPerContainer = 2 }));
        Assert.Equal(2, perContainer.Count(f => f.Type == FindingType.SensitiveData));
        var (perSweep, _) = await Sweeps.RunAsync(AzureConfig(name, new SamplingSettings { MaxObjectsPerSweep = 1 }));
        Assert.Equal(1, perSweep.Count(f => f.Type == FindingType.SensitiveData));
    }

    [Fact]
    public async Task S3_objects_are_sampled_with_ranged_gets()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var bucket = Sweeps.Unique("pii");
        await s3.PutBucketAsync(bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "2026/people.csv", ContentBody = PeopleCsv, UseChunkEncoding = false });
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "keys.env", ContentBody = "AWS_ACCESS_KEY_ID=AKIAZ7VRSQ5NJ2XGPQ3M",
            UseChunkEncoding = false });

        var (findings, _) = await Sweeps.RunAsync(new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 1 },
            Aws = [new AwsTarget { Name = "s3rver", ServiceUrl = emulators.S3Url, ForcePathStyle = true, AccessKeyId = "S3RVER", SecretAccessKey = "S3RVER",
                Buckets = [bucket] }],
        });

        var data = findings.Where(f => f.CheckId == "aws.s3.sensitive-data").ToDictionary(f => f.Object!);
        Assert.Equal(["2026/people.csv", "keys.env"], data.Keys.Order());
        // s3rver answers anonymous requests, so the bucket is proven public and its secrets are critical.
        Assert.Equal(Severity.Critical, data["keys.env"].Severity);
        Assert.Equal(bucket, data["keys.env"].Resource.Bucket);
    }

    [Fact]
    public async Task The_newest_day_of_a_date_keyed_container_larger_than_the_list_limit_is_sampled()
    {
        // 6,000 older blobs keyed yyyy/mm/dd/ (more than sampling.listLimit), then the newest day, written last, holding a card number.
        var name = Sweeps.Unique("dated");
        var container = new BlobContainerClient(emulators.AzuriteConnectionString, name);
        await container.CreateAsync();
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await Parallel.ForEachAsync(Enumerable.Range(0, 6000), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            await container.UploadBlobAsync($"{start.AddDays(i / 20):yyyy/MM/dd}/event-{i % 20:00}.json", BinaryData.FromString("{\"ok\":true}"), token));
        await container.UploadBlobAsync("2026/11/28/export.csv", BinaryData.FromString(PeopleCsv));

        var (findings, summary) = await Sweeps.RunAsync(AzureConfig(name));

        Assert.Contains(findings, f => f.Type == FindingType.SensitiveData && f.Object == "2026/11/28/export.csv");
        Assert.Equal(20, summary.Coverage.Kinds.Single(k => k.Kind == CoverageKinds.Object).Audited);
    }

    [Fact]
    public async Task S3_sampling_walks_prefixes_through_continued_pages_to_the_newest_folder()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        var bucket = Sweeps.Unique("dated");
        await s3.PutBucketAsync(bucket);
        await Parallel.ForEachAsync(Enumerable.Range(0, 1100), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = $"2026/11/27/part-{i:0000}.json", ContentBody = "{}",
                UseChunkEncoding = false }, token));
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = "2026/11/28/export.csv", ContentBody = PeopleCsv, UseChunkEncoding = false });

        var (findings, _) = await Sweeps.RunAsync(new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 1 },
            Sampling = new SamplingSettings { ObjectsPerContainer = 4, ListLimit = 1000 },
            Aws = [new AwsTarget { Name = "s3rver", ServiceUrl = emulators.S3Url, ForcePathStyle = true, AccessKeyId = "S3RVER", SecretAccessKey = "S3RVER",
                Buckets = [bucket] }],
        });

        Assert.Contains(findings, f => f.CheckId == "aws.s3.sensitive-data" && f.Object == "2026/11/28/export.csv");
    }

    [Fact]
    public async Task A_second_sweep_reads_only_what_changed_and_a_new_object_is_read_on_the_next()
    {
        var blobs = Enumerable.Range(0, 11).Select(i => ($"logs/day-{i:00}.txt", Fixtures.Utf8("nothing to see"))).Append(("people.csv",
            Fixtures.Utf8(PeopleCsv))).ToArray();
        var name = await ContainerAsync(PublicAccessType.None, blobs);
        var dir = Directory.CreateTempSubdirectory("cloudauditor-incremental-").FullName;
        var config = Path.Combine(dir, "cloudauditor.yaml");
        await File.WriteAllTextAsync(config, $"""
            azure:
              - name: azurite
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{name}]
            state: {"{"} sqlitePath: state.db {"}"}
            """);
        async Task<(string Stderr, string Stdout)> SweepAsync()
        {
            var (exit, stdout, stderr) = await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl");
            Assert.True(exit is 0 or 1, stderr);
            return (stderr, stdout);
        }

        var first = await SweepAsync();
        var second = await SweepAsync();
        await new BlobContainerClient(emulators.AzuriteConnectionString, name).UploadBlobAsync("exports/new.csv", BinaryData.FromString(PeopleCsv));
        var third = await SweepAsync();

        Assert.Contains("Sampling: read 12 object(s)", first.Stderr);
        Assert.Contains("\"people.csv\"", first.Stdout);
        Assert.Contains("Sampling: read 0 object(s)", second.Stderr);
        Assert.Contains("12 already read", second.Stderr);
        Assert.Contains("Sampling: read 1 object(s)", third.Stderr);
        Assert.Contains("\"exports/new.csv\"", third.Stdout);
        Directory.Delete(dir, recursive: true);
    }
}
