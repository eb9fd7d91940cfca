using System.Net;
using System.Text;

namespace CloudAuditor.UnitTests.Support;

/// <summary>
/// Replays recorded cloud responses (real ARM JSON, real AWS XML) under the SDKs' own HTTP layer, so their
/// serialization, error mapping and retry logic run for real. Unmatched requests fail the test loudly.
/// </summary>
public sealed class RecordedHttpHandler : HttpMessageHandler
{
    private readonly List<(Func<HttpRequestMessage, bool> Match, Func<HttpResponseMessage> Respond)> _routes = [];

    public List<string> Requests { get; } = [];

    public List<string> Unmatched { get; } = [];

    /// <summary>Requests made with the auditor's identity (signed, or with a bearer token): what its permissions must cover.</summary>
    public List<(HttpMethod Method, Uri Uri)> Authenticated { get; } = [];

    public RecordedHttpHandler On(Func<HttpRequestMessage, bool> match, HttpStatusCode status, string? recordedFile = null,
        string contentType = "application/xml", string? body = null)
    {
        _routes.Add((match, () =>
        {
            var text = body ?? (recordedFile is null ? "" : Recorded.Read(recordedFile));
            return new HttpResponseMessage(status)
            {
                Content = new StringContent(text, Encoding.UTF8, contentType),
                Headers = { { "x-amz-request-id", "0A49CE4060975EAC" }, { "x-ms-request-id", "d3a4bcc3-0b8e-4ae9-a8b3-6a8e8c1b5a1f" } },
            };
        }
        ));
        return this;
    }

    /// <summary>A signed S3 bucket sub-resource request (?acl, ?policy ...), path-style or virtual-hosted.</summary>
    public RecordedHttpHandler OnS3(string bucket, string subresource, HttpStatusCode status, string? recordedFile = null, string? body = null) =>
        On(r => r.Method == HttpMethod.Get && IsSigned(r) && TargetsBucket(r.RequestUri!, bucket) && HasQuery(r.RequestUri!, subresource), status,
            recordedFile, body: body);

    /// <summary>A signed request for one object's sub-resource (GET /key?acl).</summary>
    public RecordedHttpHandler OnS3Object(string bucket, string key, string subresource, HttpStatusCode status, string recordedFile) =>
        On(r => r.Method == HttpMethod.Get && IsSigned(r) && TargetsBucket(r.RequestUri!, bucket) && HasQuery(r.RequestUri!, subresource)
            && Uri.UnescapeDataString(r.RequestUri!.AbsolutePath).EndsWith("/" + key, StringComparison.Ordinal), status, recordedFile);

    /// <summary>An unsigned request to a bucket, as the anonymous probe sends it.</summary>
    public RecordedHttpHandler OnAnonymousS3(string bucket, Func<Uri, bool> match, HttpStatusCode status, string? recordedFile = null) =>
        On(r => !IsSigned(r) && TargetsBucket(r.RequestUri!, bucket) && match(r.RequestUri!), status, recordedFile);

    public static bool IsSigned(HttpRequestMessage r) => r.Headers.Contains("Authorization");

    public static bool HasQuery(Uri uri, string name) => uri.Query.TrimStart('?').Split('&').Any(q => q.Split('=')[0] == name);

    private static bool TargetsBucket(Uri uri, string bucket) =>
        uri.Host.StartsWith(bucket + ".", StringComparison.Ordinal) || uri.AbsolutePath.TrimEnd('/').EndsWith("/" + bucket, StringComparison.Ordinal)
        || uri.AbsolutePath.StartsWith("/" + bucket + "/", StringComparison.Ordinal);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var line = $"{request.Method} {request.RequestUri}";
        lock (Requests)
        {
            Requests.Add(line);
            if (IsSigned(request)) Authenticated.Add((request.Method, request.RequestUri!));
        }
        foreach (var (match, respond) in _routes)
        {
            if (match(request)) return Task.FromResult(respond());
        }
        lock (Unmatched) Unmatched.Add(line);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.NotImplemented) { Content = new StringContent($"no recording for {line}") });
    }
}
