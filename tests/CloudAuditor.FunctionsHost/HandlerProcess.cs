using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The custom handler as the host runs it: started from customHandler.description with every app setting in its environment
/// and FUNCTIONS_CUSTOMHANDLER_PORT set to a free loopback port; ready once that port answers; started again when it dies,
/// as the host restarts a language worker. Its output goes to the host log.
/// </summary>
public sealed class HandlerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly HandlerDescription _description;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _starting = new(1, 1);
    private Process? _process;
    private Task _ready = Task.CompletedTask;

    public HandlerProcess(HandlerDescription description, IReadOnlyDictionary<string, string> settings, ILogger log)
    {
        _description = description;
        _settings = settings;
        _log = log;
    }

    public int Port { get; private set; }

    /// <summary>The handler's base address once it answers; starts it (again) when it is not running.</summary>
    public async Task<Uri> ReadyAsync(CancellationToken cancellationToken)
    {
        await _starting.WaitAsync(cancellationToken);
        try
        {
            if (_process is null || _process.HasExited) _ready = StartAsync();
        }
        finally
        {
            _starting.Release();
        }
        await _ready.WaitAsync(cancellationToken);
        return new Uri($"http://127.0.0.1:{Port}/");
    }

    private async Task StartAsync()
    {
        Port = FreePort();
        var info = new ProcessStartInfo(_description.Executable)
        {
            WorkingDirectory = _description.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _description.Arguments) info.ArgumentList.Add(argument);
        foreach (var (key, value) in _settings) info.Environment[key] = value;
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new AppRootException($"Could not start the custom handler {_description.Executable}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AppRootException($"Could not start the custom handler {_description.Executable}: {e.Message}");
        }
        process.EnableRaisingEvents = true;
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) _log.LogInformation("[handler] {Line}", line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) _log.LogWarning("[handler] {Line}", line.Data); };
        process.Exited += (_, _) =>
        {
            if (!_stopping.IsCancellationRequested)
                _log.LogError("Custom handler (pid {Pid}) exited with code {Code}; it starts again with the next invocation.", process.Id, process.ExitCode);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _log.LogInformation("Started custom handler {Executable} (pid {Pid}) on port {Port}.", _description.Executable, process.Id, Port);
        await WaitForPortAsync(process);
    }

    private async Task WaitForPortAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (process.HasExited) throw new HandlerUnavailableException($"The custom handler exited with code {process.ExitCode} before it listened.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, _stopping.Token);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50, _stopping.Token);
            }
            catch (SocketException)
            {
                throw new HandlerUnavailableException($"The custom handler did not listen on port {Port} within {StartTimeout.TotalSeconds} s.");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_process is { } process)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            process.Dispose();
        }
        _stopping.Dispose();
        _starting.Dispose();
    }
}
