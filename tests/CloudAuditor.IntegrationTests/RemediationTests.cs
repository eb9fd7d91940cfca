using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CloudAuditor.IntegrationTests;

/// <summary>Enforce mode end to end through the CLI on Azurite: fix, verify, journal, notify by mail, roll back.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class RemediationTests(Emulators emulators) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-remediation-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(BlobContainerClient Container, string Config, string Owner)> SetUpAsync()
    {
        var container = new BlobContainerClient(emulators.AzuriteConnectionString, Sweeps.Unique("fixme"));
        var owner = $"team-{Guid.NewGuid():N}@contoso.example";
        await container.CreateAsync(PublicAccessType.BlobContainer, new Dictionary<string, string> { ["owner"] = owner });
        await container.UploadBlobAsync("report.txt", BinaryData.FromString("quarterly numbers"));
        await container.SetAccessPolicyAsync(PublicAccessType.BlobContainer,
            [new BlobSignedIdentifier { Id = "partner-read", AccessPolicy = new BlobAccessPolicy { PolicyExpiresOn = DateTimeOffset.UtcNow.AddDays(30),
                Permissions = "rl" } }]);
        var config = Path.Combine(_dir, "cloudauditor.yaml");
        await File.WriteAllTextAsync(config, $"""
            sweep:
              maxRetries: 1
            sampling:
              enabled: false
            azure:
              - name: azurite
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{container.Name}]
            remediation:
              checks: [azure.container.public-access]
            notifications:
              email: {"{"} host: 127.0.0.1, port: {emulators.SmtpPort}, security: none, from: cloudauditor@contoso.example {"}"}
            """);
        return (container, config, owner);
    }

    [Fact]
    public async Task Enforce_fixes_keeps_stored_policies_notifies_the_owner_and_rolls_back()
    {
        var (container, config, owner) = await SetUpAsync();

        var (exit, stdout, _) = await CliTests.RunAsync("sweep", "--config", config, "--mode", "enforce", "--format", "jsonl");
        Assert.Equal(0, exit);
        var finding = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(f => f.GetProperty("checkId").GetString() == "azure.container.public-access");
        Assert.Equal("remediated", finding.GetProperty("status").GetString());
        Assert.Equal(owner, finding.GetProperty("owner").GetString());
        var id = finding.GetProperty("evidence").GetProperty("remediationId").GetString()!;

        var policy = (await container.GetAccessPolicyAsync()).Value;
        Assert.Equal(PublicAccessType.None, policy.BlobPublicAccess);
        Assert.Equal("partner-read", Assert.Single(policy.SignedIdentifiers).Id);
        var anonymous = new BlobContainerClient(container.Uri);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => anonymous.GetBlobClient("report.txt").DownloadContentAsync());

        using var http = new HttpClient();
        var mails = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{emulators.MailWebPort}/api/email");
        var mail = mails.EnumerateArray().Single(m => m.GetProperty("to")[0].GetProperty("address").GetString() == owner);
        Assert.Contains(id, mail.GetProperty("text").GetString());

        var (rollbackExit, rollbackOut, _) = await CliTests.RunAsync("rollback", "--config", config, id);
        Assert.Equal(0, rollbackExit);
        Assert.Contains($"Rolled back {id}", rollbackOut);
        policy = (await container.GetAccessPolicyAsync()).Value;
        Assert.Equal(PublicAccessType.BlobContainer, policy.BlobPublicAccess);
        Assert.Equal("partner-read", Assert.Single(policy.SignedIdentifiers).Id);

        var (again, againOut, _) = await CliTests.RunAsync("rollback", "--config", config, id);
        Assert.Equal(0, again);
        Assert.Contains("already rolled back", againOut);
        var (unknown, _, unknownErr) = await CliTests.RunAsync("rollback", "--config", config, "rem-00000000000000-deadbeef");
        Assert.Equal(2, unknown);
        Assert.Contains("No remediation with id", unknownErr);
    }

    [Fact]
    public async Task A_second_enforce_run_changes_nothing()
    {
        var (_, config, _) = await SetUpAsync();
        await CliTests.RunAsync("sweep", "--config", config, "--mode", "enforce", "--format", "jsonl");
        var (exit, stdout, _) = await CliTests.RunAsync("sweep", "--config", config, "--mode", "enforce", "--format", "jsonl");
        Assert.Equal(0, exit);
        Assert.Contains("\"azure.container.public-access\"", stdout);
        Assert.DoesNotContain("\"remediated\"", stdout);
        Assert.Contains("\"pass\"", stdout);
    }

    [Fact]
    public async Task Audit_mode_leaves_the_container_public()
    {
        var (container, config, _) = await SetUpAsync();
        var (exit, stdout, _) = await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("\"remediated\"", stdout);
        Assert.Equal(PublicAccessType.BlobContainer, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
    }
}
