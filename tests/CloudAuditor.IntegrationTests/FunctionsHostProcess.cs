using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The Functions app run as a developer runs it here: the built app root (src/CloudAuditor.Functions output: handler, host.json,
/// function folders) under the WebJobs-based test host (tests/CloudAuditor.FunctionsHost) as a process, with a
/// local.settings.json, on a free loopback port. The host's log is kept line by line for the test to wait on and read.
/// </summary>
public sealed partial class FunctionsHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ITestOutputHelper _output;
    private readonly string _dir;

    private FunctionsHostProcess(Process process, int port, string dir, ITestOutputHelper output)
    {
        _process = process;
        _dir = dir;
        _output = output;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromMinutes(3) };
    }

    public HttpClient Http { get; }
    public string MasterKey { get; private set; } = "";
    public string FunctionKey { get; private set; } = "";
    public string EventGridKey { get; private set; } = "";
    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>The build configuration the tests were built in (Release in CI), which the host and the app were built in too.</summary>
    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string AppRoot => Path.Combine(Emulators.RepoRoot, "src", "CloudAuditor.Functions", "bin", Configuration, "net10.0");

    private static string HostDll =>
        Path.Combine(Emulators.RepoRoot, "tests", "CloudAuditor.FunctionsHost", "bin", Configuration, "net10.0", "CloudAuditor.FunctionsHost.dll");

    /// <summary>
    /// Starts the host on an app root (the built app unless given) with these app settings (and quiet handler logs, fast queue
    /// polling unless given) and waits until it listens.
    /// </summary>
    public static async Task<FunctionsHostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, ITestOutputHelper output,
        string? appRoot = null)
    {
        var dir = Directory.CreateTempSubdirectory("cloudauditor-host-").FullName;
        var values = new Dictionary<string, string>
        {
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",
            ["AzureFunctionsJobHost__extensions__queues__maxPollingInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings) values[key] = value;
        var settingsFile = Path.Combine(dir, "local.settings.json");
        await File.WriteAllTextAsync(settingsFile, JsonSerializer.Serialize(new { IsEncrypted = false, Values = values }));
        var port = Emulators.FreePort();
        var process = Process.Start(HostStart(appRoot ?? AppRoot, settingsFile, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            ?? throw new InvalidOperationException("Could not start the Functions test host.");
        var host = new FunctionsHostProcess(process, port, dir, output);
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) host._lines.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) host._lines.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var keys = await host.WaitForLineAsync(line => line.Contains("Host keys:", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
        var match = KeysLine().Match(keys);
        (host.MasterKey, host.FunctionKey, host.EventGridKey) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        await host.WaitForLineAsync(line => line.Contains("Host started", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        return host;
    }

    /// <summary>Runs the host on an app root it should refuse: its exit code and what it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RefusalAsync(string appRoot)
    {
        using var process = Process.Start(HostStart(appRoot)) ?? throw new InvalidOperationException("Could not start the Functions test host.");
        var printed = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, string.Concat(await printed));
    }

    private static ProcessStartInfo HostStart(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return info;
    }

    /// <summary>
    /// The first log line (from the start) that matches. The log reaches the test through a pipe, after the host has answered
    /// whatever caused it: wait for a line, never look for it at once. Fails with the log's tail when none comes in time.
    /// </summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> matches, TimeSpan timeout) =>
        (await WaitForLinesAsync(matches, 1, timeout))[0];

    /// <summary>Waits until at least <paramref name="count"/> log lines match; they are returned.</summary>
    public async Task<IReadOnlyList<string>> WaitForLinesAsync(Func<string, bool> matches, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _lines.Where(matches).ToList();
            if (found.Count >= count) return found;
            if (_process.HasExited || DateTime.UtcNow > deadline)
                throw new TimeoutException($"The host log has {found.Count} of {count} such line(s){(_process.HasExited ? " (the host exited)" : "")}; " +
                    $"its end:\n{Tail(60)}");
            await Task.Delay(50);
        }
    }

    public int Count(Func<string, bool> matches) => _lines.Count(matches);

    /// <summary>The process id of the custom handler the host started last.</summary>
    public int HandlerPid => int.Parse(HandlerStarted().Match(_lines.Last(l => HandlerStarted().IsMatch(l))).Groups[1].Value,
        System.Globalization.CultureInfo.InvariantCulture);

    public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _output.WriteLine(Tail(80));
        _process.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [GeneratedRegex(@"master=(\S+) default=(\S+) eventgrid_extension=(\S+)")]
    private static partial Regex KeysLine();

    [GeneratedRegex(@"Started custom handler .* \(pid (\d+)\)")]
    private static partial Regex HandlerStarted();
}
