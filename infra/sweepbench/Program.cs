// The sweep benchmark (issue 13): seeds Azurite (several accounts through AZURITE_ACCOUNTS) and s3rver, then, in one
// run and through the same counting proxies, times a raw SDK listing of the estate against `cloudauditor sweep`
// without content sampling, with it, and again with nothing changed; reports requests per container, peak memory,
// what sampling read, and whether the newest day of a large date-keyed container was sampled. Buckets are also read by a raw
// SDK loop making the sweep's authenticated reads, and each row shows what the emulators spent serving it.
// Usage: cloudauditor-sweep-bench STATE_DIR CLI_DLL [accounts=3] [containers=100] [blobs=5] [big=100000] [buckets=100] [latencyMs=0]
//        cloudauditor-sweep-bench STATE_DIR CLI_DLL keyspace=N [latencyMs=0]   (one synthetic container of N date-keyed blobs)
//        cloudauditor-sweep-bench STATE_DIR CLI_DLL feed=N [containers=100] [latencyMs=0]   (a change feed read by two processes)
// latencyMs adds a cloud round trip to every answer, for the raw listing and the sweeps alike.
using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Amazon.S3;
using Azure.Storage.Blobs;
using CloudAuditor.SweepBench;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: cloudauditor-sweep-bench STATE_DIR CLI_DLL [accounts=N] [containers=N] [blobs=N] [big=N] [buckets=N] [latencyMs=N]");
    return 2;
}
var (state, cli) = (args[0], args[1]);
var options = args.Skip(2).Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
var estate = new Estate(options.GetValueOrDefault("accounts", 3), options.GetValueOrDefault("containers", 100), options.GetValueOrDefault("blobs", 5),
    options.GetValueOrDefault("big", 100_000), options.GetValueOrDefault("buckets", 100));
var ports = File.ReadAllLines(Path.Combine(state, "env")).Select(l => l.Split('=', 2))
    .ToDictionary(p => p[0], p => int.Parse(p[1], CultureInfo.InvariantCulture));
// Azurite's documented development key, given to every bench account through AZURITE_ACCOUNTS: public, not a secret.
const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
string Connection(string account, int port) =>
    $"DefaultEndpointsProtocol=http;AccountName={account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{port}/{account};";
IAmazonS3 S3(int port) => new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
    new AmazonS3Config { ServiceURL = $"http://127.0.0.1:{port}", ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

var latency = TimeSpan.FromMilliseconds(options.GetValueOrDefault("latencyMs", 0));
if (latency > TimeSpan.Zero) Console.WriteLine($"Every answer through the proxies is delayed by {latency.TotalMilliseconds:F0} ms (a cloud round trip).");
// keyspace=N: one container of N date-keyed blobs instead of the estate.
if (options.TryGetValue("keyspace", out var keyspace))
    return await KeyspaceBench.RunAsync(cli, ports["AZURITE_BLOB_PORT"], keyspace, latency, Connection);
// feed=N: one account's change feed of N events, read by two processes sweeping its halves, with a state file each and with one.
if (options.TryGetValue("feed", out var feedEvents))
    return await FeedShareBench.RunAsync(cli, ports["AZURITE_BLOB_PORT"], options.GetValueOrDefault("containers", 100), feedEvents, latency, Connection);

var work = Directory.CreateTempSubdirectory("cloudauditor-sweep-bench-").FullName;
var seeding = Stopwatch.StartNew();
using (var s3 = S3(ports["S3_PORT"]))
    await estate.SeedAsync(account => new BlobServiceClient(Connection(account, ports["AZURITE_BLOB_PORT"])), s3);
Console.WriteLine($"Seeded {estate.Accounts} accounts x {estate.Containers} containers x {estate.Blobs} blobs, one container of {estate.BigBlobs:N0} " +
    $"date-keyed blobs, {estate.Buckets} buckets x {estate.Blobs} objects in {seeding.Elapsed.TotalSeconds:F0} s");

using var blobProxy = new CountingProxy(ports["AZURITE_BLOB_PORT"], FreePorts.Next(), latency);
using var s3Proxy = new CountingProxy(ports["S3_PORT"], FreePorts.Next(), latency);
var accounts = Enumerable.Range(0, estate.Accounts).Select(Estate.AccountName).ToList();
string Config(string name, bool sampling)
{
    var path = Path.Combine(work, $"{name}.yaml");
    File.WriteAllText(path, $"""
        sampling: {"{"} enabled: {(sampling ? "true" : "false")} {"}"}
        azure:
        {string.Concat(accounts.Select(a => $"  - name: {a}\n    connectionString: \"{Connection(a, blobProxy.Port)}\"\n"))}
        aws:
          - name: s3rver
            serviceUrl: http://127.0.0.1:{s3Proxy.Port}
            forcePathStyle: true
            accessKeyId: S3RVER
            secretAccessKey: S3RVER
        state: {"{"} sqlitePath: {name}.db {"}"}
        """);
    return path;
}
var resources = estate.Accounts * estate.Containers + 1 + estate.Buckets;
var breakdowns = new List<string>();
int Requests()
{
    var counts = blobProxy.TakeCounts().Select(c => ($"azure {c.Key}", c.Value)).Concat(s3Proxy.TakeCounts().Select(c => ($"s3 {c.Key}", c.Value))).ToList();
    breakdowns.Add(string.Join(", ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Item1}: {c.Value}")));
    return counts.Sum(c => c.Value);
}

blobProxy.TakeCounts();
s3Proxy.TakeCounts();
var emulators = new EmulatorCpu(state);
var rawEmulators = emulators.Read();
var raw = Stopwatch.StartNew();
long listed;
using (var s3 = S3(s3Proxy.Port)) listed = await RawListing.ListAsync(accounts.Select(a => new BlobServiceClient(Connection(a, blobProxy.Port))), s3);
var rawSeconds = raw.Elapsed.TotalSeconds;
var rawRequests = Requests();
Console.WriteLine($"Raw SDK listing: {listed:N0} objects, {rawRequests:N0} requests, {rawSeconds:F1} s (emulator CPU: {emulators.Since(rawEmulators)})");

// Buckets: also a raw SDK loop making the sweep's authenticated reads of each one, so the listing's ratio is read beside one
// for the same work.
string? bucketReads = null;
if (estate.Buckets > 0)
{
    var before = emulators.Read();
    var reads = Stopwatch.StartNew();
    int refused;
    using (var s3 = S3(s3Proxy.Port)) refused = await RawBucketReads.ReadAsync(s3);
    bucketReads = $"Raw SDK reads of each bucket's settings, listing and object ACLs: {Requests():N0} requests ({refused:N0} refused), " +
        $"{reads.Elapsed.TotalSeconds:F1} s (emulator CPU: {emulators.Since(before)})";
}

var rows = new List<string>();
async Task<(CliSweep.Result Run, int Requests)> SweepAsync(string what, string config, string name)
{
    var before = emulators.Read();
    var run = await CliSweep.RunAsync(cli, config, work, name);
    var requests = Requests();
    rows.Add(string.Join(" | ", what, $"{run.Seconds:F1} s", $"{run.Seconds / rawSeconds:F2}x", $"{requests:N0}", $"{(double)requests / resources:F1}",
        $"{run.PeakBytes / (1 << 20):N0} MiB", $"{run.CpuSeconds:F1} s", emulators.Since(before), $"exit {run.Exit}", run.Sampling));
    return (run, requests);
}
var (bare, bareRequests) = await SweepAsync("sweep, no sampling", Config("bare", sampling: false), "bare");
var (sampled, sampledRequests) = await SweepAsync("sweep, sampling", Config("sampled", sampling: true), "sampled");
await SweepAsync("same sweep again, nothing changed", Config("sampled", sampling: true), "again");

Console.WriteLine($"\nEstate: {resources:N0} containers and buckets; raw SDK listing {rawSeconds:F1} s, {rawRequests:N0} requests " +
    $"({(double)rawRequests / resources:F1} per container)");
if (bucketReads is not null) Console.WriteLine(bucketReads);
Console.WriteLine();
Console.WriteLine("run | wall | vs raw listing | requests | per container | peak RSS | CPU | emulator CPU | exit | sampling");
foreach (var row in rows) Console.WriteLine(row);
// An incomplete sweep (exit 3) says what it did not read: shown, so a ratio is never read without what it left out.
foreach (var line in bare.Stderr.Split('\n').Where(l => l.StartsWith("Coverage", StringComparison.Ordinal) || l.StartsWith("  ", StringComparison.Ordinal))
    .Take(8))
    Console.WriteLine($"sweep, no sampling: {line.TrimEnd()}");
Console.WriteLine("\nRequests by operation (raw listing, raw bucket reads if there are buckets, then each run):");
foreach (var breakdown in breakdowns) Console.WriteLine($"  {breakdown}");
var newest = File.ReadLines(sampled.FindingsPath).Any(l => l.Contains($"\"object\":\"{Estate.NewestKey}\"", StringComparison.Ordinal));
Console.WriteLine($"\nNewest day of the {estate.BigBlobs:N0}-blob container sampled (its card found): {(newest ? "yes" : "NO")}");
Console.WriteLine($"Sampling cost: {(sampled.Seconds - bare.Seconds) / Math.Max(1, sampled.ObjectsRead) * 1000:F1} ms and " +
    $"{(double)(sampledRequests - bareRequests) / Math.Max(1, sampled.ObjectsRead):F1} requests per object read, beyond the sweep without sampling");
Directory.Delete(work, recursive: true);
return newest ? 0 : 1;

