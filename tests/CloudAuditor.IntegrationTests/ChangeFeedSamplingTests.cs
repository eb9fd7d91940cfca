using Avro.Generic;
using Azure.Storage.Blobs;
using CloudAuditor.SweepBench;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// Incremental sampling through an account's blob change feed, on an Azurite of the test's own (the feed is
/// account-wide, and would change what the shared account's other tests sample). Azurite keeps no change feed, so the
/// test writes one where Blob Storage does: <c>$blobchangefeed</c>, with <c>meta/segments.json</c>, an hourly segment's
/// manifest and an Avro chunk of records shaped as the feed's schema version 1 documents them.
/// </summary>
public sealed class ChangeFeedSamplingTests : IAsyncLifetime
{
    private const string PeopleCsv = "name,email,ssn,card\nAda,ada@example.com,536-22-8726,4111 1111 1111 1111\n";

    private PrivateAzurite _azurite = null!;
    private string _dir = "";

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        _dir = Directory.CreateTempSubdirectory("cloudauditor-changefeed-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// One year folder per year since 2019, the newest holding today's data. Two list calls reach only the newest year, so a
    /// file written into an old year is out of the walk's reach: only the change feed can name it.
    /// </summary>
    private async Task<BlobContainerClient> YearKeyedContainerAsync(string name = "exports")
    {
        var container = new BlobContainerClient(_azurite.ConnectionString, name);
        await container.CreateAsync();
        for (var year = 2019; year <= 2026; year++)
            await container.UploadBlobAsync($"{year}/summary.txt", BinaryData.FromString($"totals for {year}"));
        return container;
    }

    /// <param name="shardSize">Containers per shard of the account (sweep.shardSize).</param>
    private async Task<(string Stdout, string Stderr)> SweepAsync(string containers = "exports", int shardSize = 100)
    {
        var config = Path.Combine(_dir, "cloudauditor.yaml");
        await File.WriteAllTextAsync(config, $"""
            azure:
              - name: azurite
                connectionString: "{_azurite.ConnectionString}"
                containers: [{containers}]
            sweep: {"{"} shardSize: {shardSize} {"}"}
            sampling: {"{"} listCalls: 2 {"}"}
            state: {"{"} sqlitePath: state.db {"}"}
            """);
        var (exit, stdout, stderr) = await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl", "--verbose");
        Assert.True(exit is 0 or 1, stderr);
        return (stdout, stderr);
    }

    [Fact]
    public async Task A_file_written_into_an_old_folder_is_found_through_the_change_feed_and_a_deleted_one_is_not_read()
    {
        var container = await YearKeyedContainerAsync();
        var first = await SweepAsync();
        await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));
        await container.UploadBlobAsync("2020/gone.csv", BinaryData.FromString(PeopleCsv));
        await container.DeleteBlobAsync("2020/gone.csv");
        var now = DateTimeOffset.UtcNow;
        await WriteChangeFeedAsync(now,
            Event("BlobCreated", "exports", "2019/late.csv", now, PeopleCsv.Length),
            Event("BlobCreated", "exports", "2020/gone.csv", now, PeopleCsv.Length),
            Event("BlobDeleted", "exports", "2020/gone.csv", now.AddSeconds(1), 0),
            Event("BlobCreated", "elsewhere", "2019/late.csv", now, 10),
            Event("Control", "", "", now, 0));

        var second = await SweepAsync();

        Assert.Contains("1 container(s) found their changes in the change feed", second.Stderr);
        Assert.Contains("\"2019/late.csv\"", second.Stdout);
        Assert.DoesNotContain("gone.csv", second.Stdout);
        Assert.DoesNotContain("change feed", first.Stderr);
    }

    [Fact]
    public async Task The_shards_of_one_account_read_its_change_feed_once_between_them()
    {
        var containers = new[] { await YearKeyedContainerAsync("exports"), await YearKeyedContainerAsync("archive") };
        await SweepAsync("exports, archive", shardSize: 1);
        foreach (var container in containers) await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));
        var now = DateTimeOffset.UtcNow;
        await WriteChangeFeedAsync(now, Event("BlobCreated", "exports", "2019/late.csv", now, PeopleCsv.Length),
            Event("BlobCreated", "archive", "2019/late.csv", now, PeopleCsv.Length));

        var second = await SweepAsync("exports, archive", shardSize: 1);

        Assert.Contains("2 container(s) found their changes in the change feed", second.Stderr);
        Assert.Single(second.Stderr.Split('\n'), line => line.Contains("Change feed of devstoreaccount1:", StringComparison.Ordinal));
        Assert.Equal(2, second.Stdout.Split('\n').Count(line => line.Contains("\"2019/late.csv\"", StringComparison.Ordinal)
            && line.Contains("sensitive-data", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_process_sweeping_other_containers_of_the_account_takes_the_reading_another_process_published()
    {
        var containers = new[] { await YearKeyedContainerAsync("exports"), await YearKeyedContainerAsync("archive") };
        await SweepAsync("exports, archive");
        foreach (var container in containers) await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));
        var now = DateTimeOffset.UtcNow;
        await WriteChangeFeedAsync(now, Event("BlobCreated", "exports", "2019/late.csv", now, PeopleCsv.Length),
            Event("BlobCreated", "archive", "2019/late.csv", now, PeopleCsv.Length));

        // Two processes on one state file, as two Functions instances on two shards of the account: the first reads the feed.
        var first = await SweepAsync("exports");
        var second = await SweepAsync("archive");

        Assert.Contains("Change feed of devstoreaccount1:", first.Stderr);
        Assert.DoesNotContain("Change feed of devstoreaccount1:", second.Stderr);
        Assert.Contains("using the reading another process published", second.Stderr);
        Assert.Contains("1 container(s) found their changes in the change feed", second.Stderr);
        Assert.Contains(second.Stdout.Split('\n'), line => line.Contains("\"2019/late.csv\"", StringComparison.Ordinal)
            && line.Contains("sensitive-data", StringComparison.Ordinal) && line.Contains("archive", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_container_sampled_before_the_published_reading_starts_is_read_from_its_own_watermark_not_listed()
    {
        var containers = new[] { await YearKeyedContainerAsync("exports"), await YearKeyedContainerAsync("archive") };
        await SweepAsync("exports, archive");
        // The archive's last complete sampling was three hours ago (a sweep's budget ran out before it, say): the reading the
        // exports' process publishes starts after it.
        using (var state = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_dir, "state.db")};Pooling=False"))
        {
            state.Open();
            using var update = state.CreateCommand();
            update.CommandText = "UPDATE sampling_marks SET watermark = $at WHERE container_id LIKE '%/archive'";
            var threeHoursAgo = DateTimeOffset.UtcNow.AddHours(-3).UtcDateTime;
            update.Parameters.AddWithValue("$at", threeHoursAgo.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(1, update.ExecuteNonQuery());
        }
        foreach (var container in containers) await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));
        var now = DateTimeOffset.UtcNow;
        await WriteChangeFeedAsync(now, Event("BlobCreated", "exports", "2019/late.csv", now, PeopleCsv.Length),
            Event("BlobCreated", "archive", "2019/late.csv", now, PeopleCsv.Length));

        await SweepAsync("exports");
        var second = await SweepAsync("archive");

        Assert.Contains("using the reading another process published", second.Stderr);
        Assert.Contains("Change feed of devstoreaccount1:", second.Stderr);
        Assert.Contains("1 container(s) found their changes in the change feed", second.Stderr);
        Assert.Contains(second.Stdout.Split('\n'), line => line.Contains("\"2019/late.csv\"", StringComparison.Ordinal)
            && line.Contains("sensitive-data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_the_feed_the_same_file_is_beyond_the_walk_so_the_feed_is_what_found_it()
    {
        var container = await YearKeyedContainerAsync();
        await SweepAsync();
        await container.UploadBlobAsync("2019/late.csv", BinaryData.FromString(PeopleCsv));

        var second = await SweepAsync();

        Assert.DoesNotContain("late.csv", second.Stdout);
        Assert.DoesNotContain("found their changes in the change feed", second.Stderr);
    }

    [Fact]
    public async Task A_malformed_chunk_is_reported_and_the_containers_are_listed_instead()
    {
        var container = await YearKeyedContainerAsync();
        await SweepAsync();
        await container.UploadBlobAsync("2026/new.csv", BinaryData.FromString(PeopleCsv));
        var now = DateTimeOffset.UtcNow;
        await WriteChangeFeedAsync(now);
        var chunk = $"log/00/{ChangeFeedWriter.Hour(now):yyyy'/'MM'/'dd'/'HHmm}/00000.avro";
        await Feed.GetBlobClient(chunk).UploadAsync(BinaryData.FromString("Obj\u0001 not really avro"), overwrite: true);

        var second = await SweepAsync();

        Assert.Contains("The change feed of devstoreaccount1 could not be read (a file of it is not in the change feed's format: ", second.Stderr);
        Assert.Contains("\"2026/new.csv\"", second.Stdout);
    }

    [Fact]
    public async Task A_feed_published_only_up_to_before_the_last_sampling_is_not_used_so_new_files_are_still_found()
    {
        var container = await YearKeyedContainerAsync();
        await SweepAsync();
        await container.UploadBlobAsync("2026/new.csv", BinaryData.FromString(PeopleCsv));
        await WriteChangeFeedAsync(DateTimeOffset.UtcNow.AddDays(-3));

        var second = await SweepAsync();

        Assert.Contains("The change feed of devstoreaccount1 is published only up to", second.Stderr);
        Assert.DoesNotContain("found their changes in the change feed", second.Stderr);
        Assert.Contains("\"2026/new.csv\"", second.Stdout);
    }

    private BlobContainerClient Feed => new(_azurite.ConnectionString, "$blobchangefeed");

    /// <summary>The feed for <paramref name="now"/>'s hour, published as Blob Storage would once the hour had passed (the test cannot wait).</summary>
    private Task WriteChangeFeedAsync(DateTimeOffset now, params GenericRecord[] events) => ChangeFeedWriter.WriteAsync(Feed, now, events);

    private static GenericRecord Event(string type, string container, string blob, DateTimeOffset time, long size) =>
        ChangeFeedWriter.Event(type, container, blob, time, size);
}
