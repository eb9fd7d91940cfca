using System.Net;

namespace CloudAuditor.IntegrationTests;

/// <summary>A real HTTP endpoint on 127.0.0.1 standing in for Teams/Slack/Event Grid: records requests, answers as scripted.</summary>
public sealed class LoopbackListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<(int Status, string? RetryAfter)> _script;
    private readonly Task _loop;

    public List<(string Path, Dictionary<string, string> Headers, string Body)> Requests { get; } = [];

    public string Url { get; }

    public LoopbackListener(params (int Status, string? RetryAfter)[] script)
    {
        _script = new Queue<(int, string?)>(script);
        Url = $"http://127.0.0.1:{Emulators.FreePort()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await _listener.GetContextAsync(); }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException) { return; }
            using var reader = new StreamReader(context.Request.InputStream);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!.ToLowerInvariant(), k => context.Request.Headers[k]!);
            var body = await reader.ReadToEndAsync();
            lock (Requests) Requests.Add((context.Request.Url!.AbsolutePath, headers, body));
            var (status, retryAfter) = _script.Count > 0 ? _script.Dequeue() : (200, null);
            context.Response.StatusCode = status;
            if (retryAfter is not null) context.Response.Headers["Retry-After"] = retryAfter;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        // Close alone: after Stop has released the port, Close looks the endpoint up again and, not finding it, binds the
        // port anew, failing when another test's server has taken it since ("Address already in use").
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
