using System.Net;

namespace CloudAuditor.SweepBench;

/// <summary>
/// A loopback reverse proxy that counts requests by kind of operation: the raw listing and the sweep both go through
/// it, so their request counts (and its small overhead) are measured alike. It can add a round trip's latency to every
/// answer: loopback emulators answer in about a millisecond, which hides every chain of requests made one after another.
/// </summary>
internal sealed class CountingProxy : IDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Transfer-Encoding", "Proxy-Connection", "Expect", "Upgrade", "Content-Length",
    };

    private readonly HttpListener _listener = new();
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 64 });
    private readonly string _upstreamBase;
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Task _loop;

    private readonly TimeSpan _latency;

    public CountingProxy(int upstreamPort, int port, TimeSpan latency)
    {
        _latency = latency;
        _upstreamBase = $"http://127.0.0.1:{upstreamPort}";
        Port = port;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>Answers a request itself instead of the emulator (true when it did): a synthetic container, for one.</summary>
    public Func<HttpListenerContext, Task<bool>>? Intercept { get; set; }

    /// <summary>Counts since the last reset, by operation ("GET ?comp=list", "GET blob", ...), then resets.</summary>
    public Dictionary<string, int> TakeCounts()
    {
        lock (_counts)
        {
            var copy = new Dictionary<string, int>(_counts, StringComparer.Ordinal);
            _counts.Clear();
            return copy;
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private static string Operation(HttpListenerRequest request)
    {
        var query = request.QueryString;
        var comp = query["comp"] ?? query["restype"] ?? (query["list-type"] is not null ? "list-objects" : null);
        var anonymous = request.Headers["Authorization"] is null && query["sig"] is null ? " (anonymous)" : "";
        var feed = Uri.UnescapeDataString(request.Url!.AbsolutePath).Contains("/$blobchangefeed", StringComparison.Ordinal) ? " (change feed)" : "";
        return $"{request.HttpMethod} {comp ?? (request.Url!.Segments.Length > 2 ? "object" : "bucket/container")}{anonymous}{feed}";
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        var inbound = context.Request;
        lock (_counts) _counts[Operation(inbound)] = _counts.GetValueOrDefault(Operation(inbound)) + 1;
        try
        {
            if (_latency > TimeSpan.Zero) await Task.Delay(_latency);
            if (Intercept is { } intercept && await intercept(context)) return;
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
                if (!HopByHop.Contains(name)) outbound.Headers[name] = string.Join(",", values);
            }
            var bytes = await response.Content.ReadAsByteArrayAsync();
            outbound.ContentLength64 = bytes.Length;
            await outbound.OutputStream.WriteAsync(bytes);
            outbound.Close();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HttpListenerException or ObjectDisposedException)
        {
            try { context.Response.Abort(); } catch (ObjectDisposedException) { }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _upstream.Dispose();
    }
}
