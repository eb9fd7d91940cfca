using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Data.Sqlite;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The real CLI against an Azurite of its own while that Azurite dies, stalls, or is given the wrong key, and the CLI
/// itself killed: the exit code and the output say what happened, and nothing written before the fault is lost.
/// </summary>
public sealed class CliFaultTests : IAsyncLifetime
{
    private const int Containers = 300;

    private PrivateAzurite _azurite = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-faults-").FullName;

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        var service = new BlobServiceClient(_azurite.ConnectionString);
        await Parallel.ForEachAsync(Enumerable.Range(0, Containers), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var container = service.GetBlobContainerClient($"c{i:000}");
            await container.CreateAsync(i % 10 == 0 ? PublicAccessType.Blob : PublicAccessType.None, cancellationToken: CancellationToken.None);
            if (i % 10 == 0) await container.UploadBlobAsync("a.txt", BinaryData.FromString("hello"), CancellationToken.None);
        });
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Config(string connectionString, int maxRetries = 1, int timeoutSeconds = 5, string extra = "")
    {
        var path = Path.Combine(_dir, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, $"""
            sweep:
              maxRetries: {maxRetries}
              requestTimeoutSeconds: {timeoutSeconds}
            sampling:
              enabled: false
            azure:
              - name: azurite
                connectionString: "{connectionString}"
            {extra}
            """);
        return path;
    }

    private static async Task WaitForLinesAsync(string path, int lines, CliTests.CliProcess cli)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!cli.HasExited && DateTime.UtcNow < deadline)
        {
            if (File.Exists(path) && Lines(path).Count >= lines) return;
            await Task.Delay(50);
        }
        Assert.Fail($"the sweep did not write {lines} findings in time");
    }

    private static List<string> Lines(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n').ToList();
    }

    [Fact]
    public async Task Azurite_killed_mid_sweep_gives_exit_3_and_coverage_lines_naming_what_was_missed()
    {
        var output = Path.Combine(_dir, "killed.jsonl");
        var summaryFile = Path.Combine(_dir, "killed-summary.json");
        using var cli = CliTests.CliProcess.Start("sweep", "--config", Config(_azurite.ConnectionString), "--format", "jsonl", "--output", output, "--summary",
            summaryFile);
        await WaitForLinesAsync(output, 40, cli);
        _azurite.Kill();
        var (exit, _, stderr) = await cli.CompletionAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(3, exit);
        Assert.Contains("Coverage:", stderr);
        Assert.Contains("the audit is incomplete", stderr);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(summaryFile));
        Assert.False(summary.RootElement.GetProperty("complete").GetBoolean());
        var coverage = summary.RootElement.GetProperty("coverage");
        var audited = coverage.GetProperty("kinds").EnumerateArray().Where(k => k.GetProperty("kind").GetString() == "container").Sum(k
            => k.GetProperty("audited").GetInt32());
        var missed = coverage.GetProperty("gaps").EnumerateArray().Where(g => g.GetProperty("resource").GetString() == "container").Sum(g
            => g.GetProperty("count").GetInt32());
        var stopped = coverage.GetProperty("unknownRemainders").GetArrayLength();
        Assert.True(audited < Containers);
        // Every container is accounted for: audited, named as not audited, or after a listing that stopped.
        Assert.True(missed > 0 || stopped > 0, string.Join(Environment.NewLine, coverage.GetProperty("lines").EnumerateArray()));
        Assert.True(audited + missed == Containers || stopped > 0);
        // What the run cost, for sizing hosts: a process that ran a sweep used memory and CPU.
        var process = summary.RootElement.GetProperty("process");
        Assert.InRange(process.GetProperty("peakWorkingSetBytes").GetInt64(), 10L << 20, 4L << 30);
        Assert.InRange(process.GetProperty("cpuSeconds").GetDouble(), 0.01, 600);
    }

    [Fact]
    public async Task Azurite_paused_longer_than_the_request_timeout_then_resumed_completes_never_exit_130()
    {
        var output = Path.Combine(_dir, "paused.jsonl");
        using var cli = CliTests.CliProcess.Start("sweep", "--config", Config(_azurite.ConnectionString, maxRetries: 5, timeoutSeconds: 2), "--format",
            "jsonl", "--output", output);
        await WaitForLinesAsync(output, 40, cli);
        _azurite.Pause();
        await Task.Delay(TimeSpan.FromSeconds(5));
        _azurite.Resume();
        var (exit, _, stderr) = await cli.CompletionAsync(TimeSpan.FromMinutes(3));

        Assert.NotEqual(130, exit);
        Assert.DoesNotContain("cancelled", stderr);
        Assert.Equal(0, exit);
        Assert.Equal(Containers, Lines(output).Count(l => l.Contains("\"azure.container.public-access\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_wrong_account_key_gives_exit_3_and_says_the_key_was_rejected()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var (exit, stdout, stderr) = await CliTests.RunAsync("sweep", "--config", Config(PrivateAzurite.ConnectionStringVia(_azurite.BlobPort, wrongKey)),
            "--format", "jsonl");
        Assert.Equal(3, exit);
        var finding = JsonDocument.Parse(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement;
        Assert.Equal("azure.target.unreachable", finding.GetProperty("checkId").GetString());
        Assert.Contains("the account key was rejected", finding.GetProperty("detail").GetString());
        Assert.DoesNotContain("Exception", stderr);
        Assert.DoesNotContain(wrongKey, stdout + stderr);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_a_configuration_error_exit_2_without_echoing_it()
    {
        var (exit, stdout, stderr) = await CliTests.RunAsync("sweep", "--config", Config("AccountName=devstoreaccount1;AccountKey=not base64!;Nonsense"),
            "--format", "jsonl");
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("is not a storage connection string", stderr);
        Assert.DoesNotContain("not base64!", stderr);
    }

    [Fact]
    public async Task Killing_the_cli_mid_sweep_leaves_every_finding_written_so_far_as_valid_json_lines_and_the_state_consistent()
    {
        var output = Path.Combine(_dir, "sigkill.jsonl");
        var config = Config(_azurite.ConnectionString, extra: "state:\n  sqlitePath: sigkill-state.db");
        using var cli = CliTests.CliProcess.Start("sweep", "--config", config, "--format", "jsonl", "--output", output);
        await WaitForLinesAsync(output, 60, cli);
        cli.Kill();
        await cli.CompletionAsync(TimeSpan.FromSeconds(30));

        var lines = Lines(output);
        Assert.Equal("", lines[^1]);
        var findings = lines[..^1].Select(line => JsonDocument.Parse(line).RootElement.GetProperty("fingerprint").GetString()).ToHashSet();
        Assert.True(findings.Count >= 60);
        using var state = new SqliteConnection($"Data Source={Path.Combine(_dir, "sigkill-state.db")}");
        state.Open();
        using var check = state.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", check.ExecuteScalar());
        check.CommandText = "SELECT fingerprint FROM findings";
        var stored = new HashSet<string?>();
        using (var reader = check.ExecuteReader()) while (reader.Read()) stored.Add(reader.GetString(0));
        // Every finding on stdout reached the state store first or at the same time: nothing was written only to the output.
        Assert.Subset(stored, findings);
    }

    [Fact]
    public async Task Two_sweeps_of_one_account_on_one_state_each_take_a_share_of_its_rate()
    {
        // A storage account rate the two processes must split; the second starts while the first is sweeping.
        var config = Config(_azurite.ConnectionString, extra: "state:\n  sqlitePath: shared-rate.db").Replace("sweep:\n",
            "sweep:\n  requestRates: { storageAccount: 100 }\n", StringComparison.Ordinal);
        var (firstOutput, secondOutput) = (Path.Combine(_dir, "first.jsonl"), Path.Combine(_dir, "second.jsonl"));
        var (firstSummary, secondSummary) = (Path.Combine(_dir, "first-summary.json"), Path.Combine(_dir, "second-summary.json"));
        using var first = CliTests.CliProcess.Start("sweep", "--config", config, "--format", "jsonl", "--output", firstOutput, "--summary", firstSummary);
        await WaitForLinesAsync(firstOutput, 10, first);
        using var second = CliTests.CliProcess.Start("sweep", "--config", config, "--format", "jsonl", "--output", secondOutput, "--summary", secondSummary);
        var (firstExit, _, _) = await first.CompletionAsync(TimeSpan.FromMinutes(2));
        var (secondExit, _, secondStderr) = await second.CompletionAsync(TimeSpan.FromMinutes(2));

        Assert.Equal((0, 0), (firstExit, secondExit));
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(secondSummary));
        Assert.Equal(2, summary.RootElement.GetProperty("requests").GetProperty("mostSenders").GetInt32());
        Assert.Contains("rates shared with up to 1 other process(es)", secondStderr, StringComparison.Ordinal);
    }
}
