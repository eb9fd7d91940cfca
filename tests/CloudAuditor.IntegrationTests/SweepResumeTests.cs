using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.State;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// A sweep killed part-way and resumed from its ledger: the resumed run audits only what the killed one had not finished,
/// the findings are those of an uninterrupted run, and each owner gets one digest for the whole sweep (seen in maildev).
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed partial class SweepResumeTests(Emulators emulators) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-resume-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> PublicContainerAsync()
    {
        var name = Sweeps.Unique("resume");
        var container = new BlobContainerClient(emulators.AzuriteConnectionString, name);
        await container.CreateAsync(PublicAccessType.Blob);
        await container.UploadBlobAsync("a.txt", BinaryData.FromString("hello"));
        return name;
    }

    /// <summary>Two targets audited one after the other; the second reaches Azurite through <paramref name="secondPort"/>.</summary>
    private string Config(string owner, string first, string second, int secondPort, string state)
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            sweep: {"{"} concurrency: 1, maxRetries: 1, requestTimeoutSeconds: 60 {"}"}
            sampling: {"{"} enabled: false {"}"}
            azure:
              - name: first
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{first}]
              - name: second
                connectionString: "{PrivateAzurite.ConnectionStringVia(secondPort, Emulators.AzuriteAccountKey)}"
                containers: [{second}]
            owners: {"{"} default: {owner} {"}"}
            notifications:
              email: {"{"} host: 127.0.0.1, port: {emulators.SmtpPort}, security: none, from: cloudauditor@contoso.example {"}"}
            state: {"{"} sqlitePath: {state} {"}"}
            """);
        return path;
    }

    private static HashSet<string> Fingerprints(string jsonl) => [.. EachFingerprint(jsonl)];

    /// <summary>In the order written, repeats kept.</summary>
    private static IEnumerable<string> EachFingerprint(string jsonl) =>
        File.ReadAllLines(jsonl).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("fingerprint").GetString()!);

    private async Task<List<JsonElement>> MailsToAsync(string owner)
    {
        using var http = new HttpClient();
        var mails = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{emulators.MailWebPort}/api/email");
        return [.. mails.EnumerateArray().Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == owner)];
    }

    [Fact]
    public async Task A_sweep_killed_after_its_first_target_resumes_with_the_second_only_and_sends_one_digest_per_owner()
    {
        var (first, second) = (await PublicContainerAsync(), await PublicContainerAsync());
        using var proxy = new FaultProxy(emulators.BlobPort);
        var stalled = new TaskCompletionSource();
        proxy.Gate = stalled.Task;
        var owner = $"owner-{Guid.NewGuid():N}@contoso.example";
        var config = Config(owner, first, second, proxy.Port, "resume-state.db");

        using var cli = CliTests.CliProcess.Start("sweep", "--config", config, "--format", "jsonl", "--output", Path.Combine(_dir, "killed.jsonl"));
        using (var ledger = new SqliteStateStore(Path.Combine(_dir, "resume-state.db")))
            await WaitAsync(async () => (await ledger.ListOpenSweepsAsync(CancellationToken.None)) is [var id]
                && (await ledger.GetSweepAsync(id, CancellationToken.None))!.Shards.Any(s => s.ShardId == "first" && s.Done), cli);
        cli.Kill();
        var (_, _, killedErr) = await cli.CompletionAsync(TimeSpan.FromSeconds(30));
        var sweepId = SweepIdPattern().Match(killedErr).Groups[1].Value;
        Assert.StartsWith("sweep-", sweepId);
        Assert.Empty(await MailsToAsync(owner));

        stalled.SetResult();
        var (exit, _, stderr) = await CliTests.RunAsync("sweep", "--config", config, "--resume", sweepId, "--format", "jsonl", "--output",
            Path.Combine(_dir, "resumed.jsonl"));

        Assert.Equal(0, exit);
        Assert.Contains("Skipped 1 target(s) the interrupted run had finished: first.", stderr);
        Assert.Contains($"Sweep {sweepId}: 2/2 shard(s) finished", stderr);
        var resumed = Fingerprints(Path.Combine(_dir, "resumed.jsonl"));
        var killed = Fingerprints(Path.Combine(_dir, "killed.jsonl"));
        Assert.Empty(resumed.Intersect(killed));
        var (uninterrupted, _, _) = await CliTests.RunAsync("sweep", "--config", Config($"other-{owner}", first, second, proxy.Port, "fresh.db"),
            "--format", "jsonl", "--output", Path.Combine(_dir, "uninterrupted.jsonl"));
        Assert.Equal(0, uninterrupted);
        Assert.Equal(Fingerprints(Path.Combine(_dir, "uninterrupted.jsonl")).Order(), killed.Union(resumed).Order());
        var mail = Assert.Single(await MailsToAsync(owner));
        Assert.Contains(first, mail.GetProperty("text").GetString());
        Assert.Contains(second, mail.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Resuming_an_unknown_or_finished_sweep_is_refused_in_words()
    {
        var container = await PublicContainerAsync();
        var config = Config($"o-{Guid.NewGuid():N}@contoso.example", container, container, emulators.BlobPort, "done.db");
        var (unknown, _, unknownErr) = await CliTests.RunAsync("sweep", "--config", config, "--resume", "sweep-19990101000000-deadbeef");
        Assert.Equal(2, unknown);
        Assert.Contains("No sweep 'sweep-19990101000000-deadbeef' is in the state store", unknownErr);

        var (_, _, firstErr) = await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl", "--output", Path.Combine(_dir, "done.jsonl"));
        var sweepId = SweepIdPattern().Match(firstErr).Groups[1].Value;
        var (finished, _, finishedErr) = await CliTests.RunAsync("sweep", "--config", config, "--resume", sweepId);
        Assert.Equal(2, finished);
        Assert.Contains("there is nothing to resume", finishedErr);
    }

    [Fact]
    public async Task A_target_split_into_shards_audits_each_container_and_the_account_exactly_once()
    {
        var service = new BlobServiceClient(emulators.AzuriteConnectionString);
        var prefix = Sweeps.Unique("shd")[..12];
        var names = Enumerable.Range(0, 24).Select(i => $"{prefix}-{i:00}").ToList();
        foreach (var name in names) await service.GetBlobContainerClient(name).CreateAsync(PublicAccessType.Blob);
        // shards: N fixes the split; left out, the sweep counts the target's containers and splits it by sweep.shardSize.
        async Task<(string[] Fingerprints, SweepRecord Ledger)> SweepAsync(string name, string shards)
        {
            var path = Path.Combine(_dir, $"{name}.yaml");
            File.WriteAllText(path, $"""
                sampling: {"{"} enabled: false {"}"}
                sweep: {"{"} shardSize: 10 {"}"}
                azure:
                  - name: azurite
                    connectionString: "{emulators.AzuriteConnectionString}"
                    containers: [{string.Join(", ", names)}]
                    {shards}
                state: {"{"} sqlitePath: {name}.db {"}"}
                """);
            var output = Path.Combine(_dir, $"{name}.jsonl");
            var (exit, _, stderr) = await CliTests.RunAsync("sweep", "--config", path, "--format", "jsonl", "--output", output);
            Assert.Equal(0, exit);
            using var ledger = new SqliteStateStore(Path.Combine(_dir, $"{name}.db"));
            return ([.. EachFingerprint(output)], (await ledger.GetSweepAsync(SweepIdPattern().Match(stderr).Groups[1].Value, CancellationToken.None))!);
        }

        var whole = await SweepAsync("whole", "shards: 1");
        var split = await SweepAsync("split", "shards: 5");
        var derived = await SweepAsync("derived", "");

        Assert.Equal(["azurite"], whole.Ledger.Shards.Select(s => s.ShardId));
        Assert.Equal(["azurite#1/5", "azurite#2/5", "azurite#3/5", "azurite#4/5", "azurite#5/5"], split.Ledger.Shards.Select(s => s.ShardId));
        Assert.Equal(["azurite#1/3", "azurite#2/3", "azurite#3/3"], derived.Ledger.Shards.Select(s => s.ShardId));
        foreach (var run in new[] { split, derived })
        {
            Assert.Equal(run.Fingerprints.Length, run.Fingerprints.Distinct().Count());
            Assert.Equal(whole.Fingerprints.Order(), run.Fingerprints.Order());
            Assert.Equal(names.Count + 1, run.Ledger.Shards.Sum(s => s.Result!.Subjects));
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, CliTests.CliProcess cli)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!cli.HasExited && DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(50);
        }
        Assert.Fail("the sweep did not finish its first target in time");
    }

    [GeneratedRegex(@"Sweep (sweep-\S+) \(if interrupted")]
    private static partial Regex SweepIdPattern();
}
