using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// An Azurite of one test's own, for faults that would disturb the shared emulators: killed, paused (SIGSTOP) and
/// resumed. Blob service only, in memory, on a free loopback port.
/// </summary>
public sealed class PrivateAzurite : IAsyncDisposable
{
    private readonly Process _process;

    private PrivateAzurite(Process process, int port) => (_process, BlobPort) = (process, port);

    public int BlobPort { get; }

    public string ConnectionString => ConnectionStringVia(BlobPort);

    /// <summary>The same account reached through another port (a proxy in front of this Azurite).</summary>
    public static string ConnectionStringVia(int port, string accountKey = Emulators.AzuriteAccountKey) =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={accountKey};BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";

    public static async Task<PrivateAzurite> StartAsync()
    {
        var port = Emulators.FreePort();
        var process = Emulators.Launch(Path.Combine(Emulators.Bin, "azurite-blob"),
            $"--blobHost 127.0.0.1 --blobPort {port} --inMemoryPersistence --skipApiVersionCheck --silent");
        await Emulators.WaitForPortAsync(port);
        return new PrivateAzurite(process, port);
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>SIGSTOP: the port stays open and connections are accepted by the kernel, but nothing answers.</summary>
    public void Pause() => Signal(19);

    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        foreach (var pid in ProcessTree(_process.Id)) _ = Kill(pid, signal);
    }

    /// <summary>npm's launcher script and the node process it starts: both must stop for the emulator to stop answering.</summary>
    private static IEnumerable<int> ProcessTree(int root)
    {
        yield return root;
        var children = $"/proc/{root}/task/{root}/children";
        if (!File.Exists(children)) yield break;
        foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            foreach (var pid in ProcessTree(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture))) yield return pid;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public ValueTask DisposeAsync()
    {
        try
        {
            Resume();
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone (a test killed it).
        }
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
