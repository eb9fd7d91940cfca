using System.Diagnostics;
using Azure.Storage.Blobs;

namespace CloudAuditor.SweepBench;

/// <summary>
/// One account's change feed read by two processes sweeping its two halves at once, as two Functions instances on two
/// shards: with a state file each (each reads the feed, as every process did before readings were shared) and with one
/// state file between them (one reads it and publishes the reading, the other takes it). The account's containers are
/// sampled once first, so the feed is what the second sweeps take their changes from.
/// </summary>
internal static class FeedShareBench
{
    private const string Account = "acct0";

    public static async Task<int> RunAsync(string cli, int blobPort, int containers, int events, TimeSpan latency,
        Func<string, int, string> connection)
    {
        var service = new BlobServiceClient(connection(Account, blobPort));
        var names = Enumerable.Range(0, containers).Select(i => $"f{i:0000}").ToList();
        await Parallel.ForEachAsync(names, async (name, token) =>
        {
            var container = service.GetBlobContainerClient(name);
            await container.CreateIfNotExistsAsync(cancellationToken: token);
            for (var b = 0; b < 5; b++)
                await container.GetBlobClient($"data/part-{b:000}.log").UploadAsync(BinaryData.FromString($"line {b} of {name}\n"), true, token);
        });
        using var proxy = new CountingProxy(blobPort, FreePorts.Next(), latency);
        var work = Directory.CreateTempSubdirectory("cloudauditor-feed-bench-").FullName;
        string Config(string name, IEnumerable<string> scope, string state)
        {
            var path = Path.Combine(work, $"{name}.yaml");
            File.WriteAllText(path, $"""
                azure:
                  - name: {Account}
                    connectionString: "{connection(Account, proxy.Port)}"
                    containers: [{string.Join(", ", scope)}]
                state: {"{"} sqlitePath: {state} {"}"}
                """);
            return path;
        }
        var halves = new[] { names.Take(containers / 2).ToList(), names.Skip(containers / 2).ToList() };
        // Each state file learns every container's watermark from a first sampling.
        foreach (var state in new[] { "shared.db", "first.db", "second.db" })
            await CliSweep.RunAsync(cli, Config($"prime-{state}", names, state), work, $"prime-{state}");

        var now = DateTimeOffset.UtcNow;
        var writing = Stopwatch.StartNew();
        var bytes = await ChangeFeedWriter.WriteAsync(service.GetBlobContainerClient("$blobchangefeed"), now,
            Enumerable.Range(0, events).Select(i => ChangeFeedWriter.Event("BlobCreated", names[i % containers], $"fresh/obj-{i:0000000}.csv",
                now.AddMilliseconds(i - events), 100, Account)));
        Console.WriteLine($"Account {Account}: {containers} containers; change feed of {events:N0} events, {bytes / (double)(1 << 20):F1} MiB, " +
            $"written in {writing.Elapsed.TotalSeconds:F0} s");
        proxy.TakeCounts();

        Console.WriteLine("run | process | wall | CPU | peak RSS | feed | requests");
        var runs = new[] { ("a state file each", new[] { "first.db", "second.db" }), ("one state file", new[] { "shared.db", "shared.db" }) };
        foreach (var (run, states) in runs)
        {
            var sweeps = await Task.WhenAll(halves.Select((half, i) => CliSweep.RunAsync(cli, Config($"{run}-{i}", half, states[i]), work, $"{run}-{i}",
                verbose: true)));
            var counts = proxy.TakeCounts();
            foreach (var (sweep, i) in sweeps.Select((sweep, i) => (sweep, i)))
            {
                var role = sweep.Stderr.Contains($"Change feed of {Account}:", StringComparison.Ordinal) ? "read it"
                    : sweep.Stderr.Contains("using the reading another process published", StringComparison.Ordinal) ? "took the published reading"
                    : "NOT USED";
                var requests = i == 0 ? string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}")) : "";
                Console.WriteLine(string.Join(" | ", run, $"half {i + 1}", $"{sweep.Seconds:F1} s", $"{sweep.CpuSeconds:F1} s",
                    $"{sweep.PeakBytes / (1 << 20):N0} MiB", role, requests));
            }
        }
        Directory.Delete(work, recursive: true);
        return 0;
    }
}
