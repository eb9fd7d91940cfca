using System.Diagnostics;
using Azure.Storage.Blobs;

namespace CloudAuditor.SweepBench;

/// <summary>
/// One container of N date-keyed blobs (<see cref="SyntheticContainer"/>) behind the counting proxy: a raw SDK listing of
/// every key against `cloudauditor sweep` with default sampling, in the same run; requests, list calls, peak memory, and
/// whether the newest day was sampled. Run for several N to see what grows with the container and what does not.
/// </summary>
internal static class KeyspaceBench
{
    public static async Task<int> RunAsync(string cli, int blobPort, long count, TimeSpan latency, Func<string, int, string> connection)
    {
        const string Account = "acct0", Container = "huge";
        await new BlobServiceClient(connection(Account, blobPort)).GetBlobContainerClient(Container).CreateIfNotExistsAsync();
        var synthetic = new SyntheticContainer(Account, Container, count);
        using var proxy = new CountingProxy(blobPort, FreePorts.Next(), latency) { Intercept = synthetic.TryAnswerAsync };
        var work = Directory.CreateTempSubdirectory("cloudauditor-keyspace-bench-").FullName;

        var raw = Stopwatch.StartNew();
        long listed = 0;
        await foreach (var _ in new BlobServiceClient(connection(Account, proxy.Port)).GetBlobContainerClient(Container).GetBlobsAsync()) listed++;
        var rawSeconds = raw.Elapsed.TotalSeconds;
        var rawRequests = proxy.TakeCounts().Values.Sum();

        var config = Path.Combine(work, "keyspace.yaml");
        File.WriteAllText(config, $"""
            azure:
              - name: {Account}
                connectionString: "{connection(Account, proxy.Port)}"
                containers: [{Container}]
            state: {"{"} sqlitePath: keyspace.db {"}"}
            """);
        var sweep = await CliSweep.RunAsync(cli, config, work, "keyspace");
        var counts = proxy.TakeCounts();
        var lists = counts.Where(c => c.Key.Contains("list", StringComparison.Ordinal)).Sum(c => c.Value);
        var newest = File.ReadLines(sweep.FindingsPath).Any(l => l.Contains($"\"object\":\"{synthetic.NewestKey}\"", StringComparison.Ordinal));
        Console.WriteLine($"Container of {count:N0} date-keyed blobs (newest: {synthetic.NewestKey})");
        Console.WriteLine($"raw SDK listing of every key: {listed:N0} keys, {rawRequests:N0} requests, {rawSeconds:F1} s");
        Console.WriteLine($"sweep with default sampling: {sweep.Seconds:F1} s, {counts.Values.Sum():N0} requests ({lists:N0} list calls), " +
            $"peak {sweep.PeakBytes / (1 << 20):N0} MiB, {sweep.ObjectsRead} objects read, exit {sweep.Exit}; newest day sampled (card found): " +
            (newest ? "yes" : "NO"));
        Console.WriteLine($"  requests: {string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key}: {c.Value}"))}");
        if (sweep.Exit != 0) Console.WriteLine(sweep.Stderr);
        Directory.Delete(work, recursive: true);
        return newest ? 0 : 1;
    }
}
