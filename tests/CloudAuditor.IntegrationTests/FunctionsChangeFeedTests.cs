using System.Net;
using Azure.Storage.Blobs;
using CloudAuditor.SweepBench;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The shards of one storage account as the Functions host runs them: each invocation opens its own runtime, so without a
/// reading shared through the state store (Azure Tables here) every shard read the account's change feed. The account is an
/// Azurite of the test's own behind a proxy that counts the feed's chunk downloads; the queue and the tables are the shared
/// emulator's.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FunctionsChangeFeedTests : IAsyncLifetime
{
    private const string PeopleCsv = "name,email,ssn,card\nAda,ada@example.com,536-22-8726,4111 1111 1111 1111\n";

    private readonly Emulators _emulators;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-functions-feed-").FullName;
    private PrivateAzurite _azurite = null!;
    private FaultProxy _proxy = null!;
    private FunctionsApp _app = null!;
    private int _chunkReads;

    public FunctionsChangeFeedTests(Emulators emulators) => _emulators = emulators;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        _proxy = new FaultProxy(_azurite.BlobPort)
        {
            Rule = request =>
            {
                if (Uri.UnescapeDataString(request.Url!.AbsolutePath).Contains("/$blobchangefeed/log/", StringComparison.Ordinal)
                    && request.Url.AbsolutePath.EndsWith(".avro", StringComparison.Ordinal))
                    Interlocked.Increment(ref _chunkReads);
                return null;
            },
        };
        var config = Path.Combine(_dir, "cloudauditor.yaml");
        await File.WriteAllTextAsync(config, $"""
            sampling: {"{"} listCalls: 2 {"}"}
            azure:
              - name: feed-account
                connectionString: "{PrivateAzurite.ConnectionStringVia(_proxy.Port)}"
                containers: [exports, archive]
                shards: 2
            state:
              tableConnectionString: "{_emulators.AzuriteConnectionString}"
              tablePrefix: feed{Guid.NewGuid().ToString("N")[..10]}
            """);
        _app = new FunctionsApp(config, _emulators.AzuriteConnectionString);
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _proxy.Dispose();
        await _azurite.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A sweep planned by the timer, its shards scanned at once as two instances would: each shard's logs.</summary>
    private async Task<string[]> SweepAsync()
    {
        var (status, logs) = await _app.TimerAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        var messages = await _app.DrainAsync(logs.Split(':')[0]);
        Assert.Equal(2, messages.Count);
        var scans = await Task.WhenAll(messages.Select(message => _app.ScanAsync(message, attempt: 1)));
        Assert.All(scans, scan => Assert.Equal(HttpStatusCode.OK, scan.Status));
        return [.. scans.Select(scan => scan.Logs)];
    }

    [Fact]
    public async Task Two_shards_scanned_at_once_read_the_accounts_change_feed_once_between_them()
    {
        var containers = new List<BlobContainerClient>();
        foreach (var name in new[] { "exports", "archive" })
        {
            var container = new BlobContainerClient(_azurite.ConnectionString, name);
            await container.CreateAsync();
            for (var year = 2019; year <= 2026; year++) await container.UploadBlobAsync($"{year}/summary.txt", BinaryData.FromString($"totals for {year}"));
            containers.Add(container);
        }
        await SweepAsync();
        foreach (var container in containers) await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));
        var now = DateTimeOffset.UtcNow;
        await ChangeFeedWriter.WriteAsync(new BlobContainerClient(_azurite.ConnectionString, "$blobchangefeed"), now,
        [
            ChangeFeedWriter.Event("BlobCreated", "exports", "2019/late.csv", now, PeopleCsv.Length),
            ChangeFeedWriter.Event("BlobCreated", "archive", "2019/late.csv", now, PeopleCsv.Length),
        ]);
        Volatile.Write(ref _chunkReads, 0);

        var shards = await SweepAsync();

        Assert.All(shards, logs => Assert.Contains("1 container(s) found their changes in the change feed", logs));
        Assert.Equal(1, Volatile.Read(ref _chunkReads));
    }
}
