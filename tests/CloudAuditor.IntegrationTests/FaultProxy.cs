using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// A loopback reverse proxy in front of an emulator that injects faults: every request passes through unchanged
/// (headers, body, signature and all) unless a rule answers it instead. The auditor talks to the proxy's port as it
/// would to the service.
/// </summary>
public sealed class FaultProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Proxy-Connection", "Expect", "Upgrade", "Content-Length",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false });
    private readonly string _upstreamBase;
    private readonly Task _loop;
    private int _injected;

    public FaultProxy(int upstreamPort)
    {
        _upstreamBase = $"http://127.0.0.1:{upstreamPort}";
        Port = Emulators.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Decides each request: null passes it through, a fault answers it.</summary>
    public Func<HttpListenerRequest, InjectedFault?> Rule { get; set; } = _ => null;

    public int Injected => Volatile.Read(ref _injected);

    /// <summary>Every request waits for this before it is decided: a pending task holds the service's answers back (a stalled service).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    /// <summary>
    /// Throttles about <paramref name="share"/> of the distinct requests, the first time each is seen, with Retry-After:
    /// a retry of the same request passes, so the outcome is reproducible and every retried request succeeds.
    /// </summary>
    public static Func<HttpListenerRequest, InjectedFault?> ThrottleFirstAttempts(double share, string errorCode, int status = 503)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return request =>
        {
            var key = $"{request.HttpMethod} {request.Url!.PathAndQuery} {request.Headers["Range"]} {request.Headers["Authorization"] is null}";
            lock (seen)
            {
                if (!seen.Add(key)) return null;
            }
            var roll = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(key)), 0) % 1000 / 1000.0;
            return roll < share ? InjectedFault.Throttle(status, errorCode) : null;
        };
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            await Gate;
            if (Rule(context.Request) is { } fault)
            {
                Interlocked.Increment(ref _injected);
                await fault.WriteAsync(context.Response);
                return;
            }
            await ForwardAsync(context);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HttpListenerException or ObjectDisposedException)
        {
            // The upstream is gone (a test killed it): the client sees the connection drop, as it would from the real service.
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var inbound = context.Request;
        using var message = new HttpRequestMessage(new HttpMethod(inbound.HttpMethod), _upstreamBase + inbound.RawUrl);
        if (inbound.HasEntityBody)
        {
            using var body = new MemoryStream();
            await inbound.InputStream.CopyToAsync(body);
            message.Content = new ByteArrayContent(body.ToArray());
        }
        foreach (var name in inbound.Headers.AllKeys.OfType<string>().Where(n => !HopByHop.Contains(n)))
        {
            var value = inbound.Headers[name]!;
            if (!message.Headers.TryAddWithoutValidation(name, value)) message.Content?.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
        var outbound = context.Response;
        outbound.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (HopByHop.Contains(name)) continue;
            outbound.Headers[name] = string.Join(",", values);
        }
        var bytes = await response.Content.ReadAsByteArrayAsync();
        outbound.ContentLength64 = bytes.Length;
        await outbound.OutputStream.WriteAsync(bytes);
        outbound.Close();
    }

    public void Dispose()
    {
        // Close alone: after Stop has released the port, Close looks the endpoint up again and, not finding it, binds the
        // port anew, failing when another test's server has taken it since ("Address already in use").
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _upstream.Dispose();
    }
}

/// <summary>An answer the proxy gives instead of the service's.</summary>
public sealed record InjectedFault(int Status, string Body, string? RetryAfter, string ContentType = "application/xml")
{
    /// <summary>The services' own throttling answers: Azure "ServerBusy", S3 "SlowDown", with Retry-After in seconds.</summary>
    public static InjectedFault Throttle(int status, string errorCode) =>
        new(status, $"<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{errorCode}</Code><Message>Please reduce your request rate.</Message></Error>",
            "1");

    /// <summary>A 200 whose body breaks off inside an element: what a truncated or corrupted listing looks like.</summary>
    public static InjectedFault MalformedXml { get; } =
        new(200, "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults><Blobs><Blob><Name>a", null);

    public async Task WriteAsync(HttpListenerResponse response)
    {
        response.StatusCode = Status;
        response.ContentType = ContentType;
        if (RetryAfter is not null) response.Headers["Retry-After"] = RetryAfter;
        if (Status == 503 && Body.Contains("ServerBusy", StringComparison.Ordinal)) response.Headers["x-ms-error-code"] = "ServerBusy";
        var bytes = Encoding.UTF8.GetBytes(Body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
