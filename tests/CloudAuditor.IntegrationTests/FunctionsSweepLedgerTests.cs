using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.AzureProvider;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The timer's sweep through the queue, as the Functions host drives the handler: shards finishing at the same moment
/// close the sweep once, each owner gets one digest for the whole sweep (maildev), a redelivered message is not scanned
/// again, and a sweep whose shard never finishes is closed by a later timer after its deadline.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FunctionsSweepLedgerTests : IDisposable
{
    private readonly Emulators _emulators;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-ledger-").FullName;
    private readonly string _tablePrefix = $"led{Guid.NewGuid().ToString("N")[..10]}";
    private readonly string _owner = $"owner-{Guid.NewGuid():N}@contoso.example";
    private readonly string _bucket = Sweeps.Unique("led");
    private readonly string _container = Sweeps.Unique("led");
    private readonly FunctionsApp _app;

    public FunctionsSweepLedgerTests(Emulators emulators)
    {
        _emulators = emulators;
        var config = Path.Combine(_dir, "cloudauditor.yaml");
        File.WriteAllText(config, $"""
            sweep: {"{"} maxRetries: 1 {"}"}
            sampling: {"{"} enabled: false {"}"}
            azure:
              - name: azurite
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{_container}]
                shards: 3
            aws:
              - name: s3rver
                serviceUrl: {emulators.S3Url}
                forcePathStyle: true
                accessKeyId: S3RVER
                secretAccessKey: S3RVER
                buckets: [{_bucket}]
            owners: {"{"} default: {_owner} {"}"}
            notifications:
              email: {"{"} host: 127.0.0.1, port: {emulators.SmtpPort}, security: none, from: cloudauditor@contoso.example {"}"}
            state:
              tableConnectionString: "{emulators.AzuriteConnectionString}"
              tablePrefix: {_tablePrefix}
            """);
        _app = new FunctionsApp(config, emulators.AzuriteConnectionString);
    }

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<List<JsonElement>> MailsAsync()
    {
        using var http = new HttpClient();
        var mails = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{_emulators.MailWebPort}/api/email");
        return [.. mails.EnumerateArray().Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == _owner)];
    }

    [Fact]
    public async Task Shards_of_targets_split_in_parts_finishing_together_close_the_sweep_once_with_one_digest_per_owner_and_a_redelivery_is_not_rescanned()
    {
        await new BlobContainerClient(_emulators.AzuriteConnectionString, _container).CreateAsync(PublicAccessType.BlobContainer);
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = _emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3.PutBucketAsync(_bucket);

        var (timerStatus, timerLogs) = await _app.TimerAsync();
        Assert.Equal(HttpStatusCode.OK, timerStatus);
        var sweepId = timerLogs.Split(':')[0];
        var messages = await _app.DrainAsync(sweepId);
        Assert.Equal(4, messages.Count);

        var scans = await Task.WhenAll(messages.Select(m => _app.ScanAsync(m, attempt: 1)));

        Assert.All(scans, s => Assert.Equal(HttpStatusCode.OK, s.Status));
        var closer = Assert.Single(scans, s => s.Logs.Contains($"closed sweep {sweepId}: 4/4 shard(s) finished", StringComparison.Ordinal));
        Assert.Contains("1 owner(s) notified", closer.Logs);
        var mail = Assert.Single(await MailsAsync());
        Assert.Contains(_container, mail.GetProperty("text").GetString());
        Assert.Contains(_bucket, mail.GetProperty("text").GetString());

        var redelivered = await _app.ScanAsync(messages[0], attempt: 2);
        Assert.Equal(HttpStatusCode.OK, redelivered.Status);
        Assert.Contains("already done by an earlier delivery; not scanned again", redelivered.Logs);
        Assert.Single(await MailsAsync());

        // A part of another split than the one this sweep planned (its target counted differently) is refused, not audited.
        var stray = await _app.ScanAsync(JsonSerializer.Serialize(new { target = "azurite", sweepId, shard = "azurite#1/7" }), attempt: 1);
        Assert.Equal(HttpStatusCode.OK, stray.Status);
        Assert.Contains($"rejected: sweep {sweepId} has no shard 'azurite#1/7' (its plan: azurite#1/3, azurite#2/3, azurite#3/3, s3rver)", stray.Logs);
    }

    [Fact]
    public async Task A_sweep_whose_shard_never_finished_is_closed_by_a_later_timer_naming_the_shard()
    {
        var ledger = await TableStateStore.OpenAsync(new TableServiceClient(_emulators.AzuriteConnectionString), _tablePrefix, CancellationToken.None);
        var overdue = $"sweep-19990101000000-{Guid.NewGuid().ToString("N")[..8]}";
        var planned = DateTimeOffset.UtcNow.AddHours(-5);
        await ledger.PlanSweepAsync(overdue, ["azurite", "s3rver"], planned, planned.AddHours(4), CancellationToken.None);
        await ledger.CompleteShardAsync(overdue, new("azurite", 1, 3, 1, Complete: true), planned.AddMinutes(1), CancellationToken.None);

        var (status, logs) = await _app.TimerAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"closed overdue sweep {overdue}: 1/2 shard(s) finished, 3 findings (1 failing)", logs);
        Assert.Contains("unfinished: s3rver", logs);
        Assert.DoesNotContain(overdue, await ledger.ListOpenSweepsAsync(CancellationToken.None));
        await _app.DrainAsync(logs.Split(':')[0]);
    }
}
