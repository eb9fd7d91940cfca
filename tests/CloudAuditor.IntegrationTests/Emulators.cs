using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// Starts Azurite, s3rver and maildev from infra/emulators/node_modules on free 127.0.0.1 ports for the test run,
/// and stops them (whole process trees) at the end. Installed by infra/emulators/install.sh.
/// </summary>
public sealed class Emulators : IAsyncLifetime
{
    public const string AzuriteAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly List<Process> _processes = [];
    private string _dataDir = "";

    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public int S3Port { get; private set; }
    public int SmtpPort { get; private set; }
    public int MailWebPort { get; private set; }

    public static string RepoRoot => UnitTests.Support.RepoRoot.Path;

    public string AzuriteConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AzuriteAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/devstoreaccount1;";

    public string S3Url => $"http://127.0.0.1:{S3Port}";

    public async Task InitializeAsync()
    {
        var bin = Path.Combine(RepoRoot, "infra", "emulators", "node_modules", ".bin");
        if (!Directory.Exists(bin))
            throw new InvalidOperationException($"Emulators are not installed: run infra/emulators/install.sh (looked in {bin}).");
        _dataDir = Directory.CreateTempSubdirectory("cloudauditor-emulators-").FullName;
        (BlobPort, QueuePort, TablePort, S3Port, SmtpPort, MailWebPort) = (FreePort(), FreePort(), FreePort(), FreePort(), FreePort(), FreePort());

        Start(Path.Combine(bin, "azurite"), $"--blobHost 127.0.0.1 --blobPort {BlobPort} --queueHost 127.0.0.1 --queuePort {QueuePort} " +
            $"--tableHost 127.0.0.1 --tablePort {TablePort} --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent");
        Start(Path.Combine(bin, "s3rver"), $"--directory {_dataDir} --address 127.0.0.1 --port {S3Port} --silent",
            ("NODE_OPTIONS", "--openssl-legacy-provider"));
        Start(Path.Combine(bin, "maildev"), $"--ip 127.0.0.1 --web-ip 127.0.0.1 --smtp {SmtpPort} --web {MailWebPort}");

        foreach (var port in new[] { BlobPort, QueuePort, TablePort, S3Port, SmtpPort, MailWebPort }) await WaitForPortAsync(port);
    }

    public Task DisposeAsync()
    {
        foreach (var process in _processes)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.Dispose();
        }
        try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Start(string file, string arguments, params (string Key, string Value)[] environment) => _processes.Add(Launch(file, arguments, environment));

    internal static string Bin => Path.Combine(RepoRoot, "infra", "emulators", "node_modules", ".bin");

    internal static Process Launch(string file, string arguments, params (string Key, string Value)[] environment)
    {
        var info = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment) info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitForPortAsync(int port)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }
}
