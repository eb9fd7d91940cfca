using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.IntegrationTests;

[Collection(EmulatorCollection.Name)]
public class AzuriteSweepTests(Emulators emulators)
{
    private BlobServiceClient Service => new(emulators.AzuriteConnectionString);

    private async Task<string> CreateContainerAsync(string prefix, PublicAccessType access, bool withBlob = true)
    {
        var name = Sweeps.Unique(prefix);
        var container = Service.GetBlobContainerClient(name);
        await container.CreateAsync(access);
        if (withBlob) await container.UploadBlobAsync("report.csv", BinaryData.FromString("id,amount\n1,10\n"));
        return name;
    }

    private AuditorConfig Config(params string[] containers) => new()
    {
        Sweep = new SweepSettings { MaxRetries = 1 },
        Azure = [new AzureTarget { Name = "azurite", ConnectionString = emulators.AzuriteConnectionString, Containers = [.. containers] }],
    };

    [Fact]
    public async Task A_blob_level_public_container_whose_first_blob_is_empty_is_still_proven_public()
    {
        // A one-byte read of an empty blob answers 416 to anyone: reading only the first listed blob would call the container refused.
        var name = await CreateContainerAsync("emptyfirst", PublicAccessType.Blob, withBlob: false);
        var container = Service.GetBlobContainerClient(name);
        await container.UploadBlobAsync("a-empty.txt", BinaryData.FromBytes([]));
        await container.UploadBlobAsync("b-report.csv", BinaryData.FromString("id,amount\n1,10\n"));

        var (findings, _) = await Sweeps.RunAsync(Config(name));
        var finding = Assert.Single(findings, f => f.CheckId == "azure.container.public-access");
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("allowed", finding.Evidence!["anonymousProbe"]);
        Assert.Contains("b-report.csv", finding.Evidence["anonymousProbeRequest"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_access_policies_are_read_from_the_data_plane_and_judged()
    {
        var standing = await CreateContainerAsync("standing", PublicAccessType.None);
        await Service.GetBlobContainerClient(standing).SetAccessPolicyAsync(permissions:
            [new BlobSignedIdentifier { Id = "etl-upload", AccessPolicy = new BlobAccessPolicy { Permissions = "rwdl" } }]);
        var scoped = await CreateContainerAsync("scoped", PublicAccessType.None);
        await Service.GetBlobContainerClient(scoped).SetAccessPolicyAsync(permissions:
            [new BlobSignedIdentifier { Id = "partner-read", AccessPolicy = new BlobAccessPolicy
                { PolicyExpiresOn = DateTimeOffset.UtcNow.AddDays(30), Permissions = "r" } }]);

        var (findings, summary) = await Sweeps.RunAsync(Config(standing, scoped));
        var byContainer = findings.Where(f => f.CheckId == "azure.container.stored-access-policy").ToDictionary(f => f.Resource.Container!);
        Assert.Equal(FindingStatus.Fail, byContainer[standing].Status);
        Assert.Contains("'etl-upload' has no expiry of its own", byContainer[standing].Detail, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Pass, byContainer[scoped].Status);
        Assert.True(summary.Coverage.Complete, string.Join("; ", summary.Coverage.Lines()));
    }

    [Fact]
    public async Task Public_containers_are_proven_by_anonymous_reads_and_private_ones_pass()
    {
        var listable = await CreateContainerAsync("listable", PublicAccessType.BlobContainer);
        var blobOnly = await CreateContainerAsync("blobonly", PublicAccessType.Blob);
        var closed = await CreateContainerAsync("closed", PublicAccessType.None);

        var (findings, summary) = await Sweeps.RunAsync(Config(listable, blobOnly, closed));
        var byContainer = findings.Where(f => f.CheckId == "azure.container.public-access").ToDictionary(f => f.Resource.Container!);

        var list = byContainer[listable];
        Assert.Equal(FindingStatus.Fail, list.Status);
        Assert.Equal(Severity.Critical, list.Severity);
        Assert.Equal("allowed", list.Evidence!["anonymousProbe"]);
        Assert.Contains("comp=list", list.Evidence["anonymousProbeRequest"]);
        Assert.Equal($"http://127.0.0.1:{emulators.BlobPort}/devstoreaccount1/{listable}", list.Resource.Id);
        Assert.Equal("devstoreaccount1", list.Resource.Account);

        var blob = byContainer[blobOnly];
        Assert.Equal(FindingStatus.Fail, blob.Status);
        Assert.Equal("allowed", blob.Evidence!["anonymousProbe"]);
        Assert.Contains("report.csv", blob.Evidence["anonymousProbeRequest"]);

        var private_ = byContainer[closed];
        Assert.Equal(FindingStatus.Pass, private_.Status);
        Assert.Equal("Public access level is None.", private_.Detail);
        Assert.False(private_.Evidence!.ContainsKey("anonymousProbe"), "Blob Storage refuses every anonymous request at level None: no probe is spent");
        Assert.True(summary.Coverage.Complete, string.Join("; ", summary.Coverage.Lines()));
    }

    [Fact]
    public async Task An_empty_blob_level_container_is_judged_by_the_list_refusal()
    {
        var empty = await CreateContainerAsync("empty", PublicAccessType.Blob, withBlob: false);
        var (findings, _) = await Sweeps.RunAsync(Config(empty));
        var finding = Assert.Single(findings, f => f.CheckId == "azure.container.public-access");
        // Nothing to read and no anonymous listing at 'blob' level: not proven, but public by its setting for the next upload.
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal("denied", finding.Evidence!["anonymousProbe"]);
    }

    [Fact]
    public async Task Static_website_hosting_is_read_from_the_blob_service()
    {
        var service = Service;
        var properties = (await service.GetPropertiesAsync()).Value;
        properties.StaticWebsite = new BlobStaticWebsite { Enabled = true, IndexDocument = "index.html" };
        await service.SetPropertiesAsync(properties);
        try
        {
            var (findings, _) = await Sweeps.RunAsync(Config("none-such"));
            Assert.Equal(FindingStatus.Fail, Assert.Single(findings, f => f.CheckId == "azure.account.static-website").Status);
        }
        finally
        {
            properties.StaticWebsite = new BlobStaticWebsite { Enabled = false };
            await service.SetPropertiesAsync(properties);
        }
    }

    [Fact]
    public async Task An_unreachable_account_is_one_error_finding()
    {
        var config = new AuditorConfig
        {
            Sweep = new SweepSettings { MaxRetries = 1, RequestTimeoutSeconds = 5 },
            Azure = [new AzureTarget { Name = "gone",
                ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Emulators.AzuriteAccountKey};BlobEndpoint=http://127.0.0.1:{Emulators.FreePort()}/devstoreaccount1;" }],
        };
        var (findings, summary) = await Sweeps.RunAsync(config);
        var error = Assert.Single(findings);
        Assert.Equal("azure.target.unreachable", error.CheckId);
        Assert.Equal(FindingStatus.Error, error.Status);
        Assert.DoesNotContain(Emulators.AzuriteAccountKey, error.Detail);
        Assert.Contains("no connection (connection refused)", error.Detail);
        Assert.Equal(1, summary.Coverage.Kinds.Single(k => k.Kind == "target").NotAudited);
    }
}
