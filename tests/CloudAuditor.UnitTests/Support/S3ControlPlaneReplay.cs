using System.Net;
using System.Text;

namespace CloudAuditor.UnitTests.Support;

/// <summary>
/// Bucket sub-resources (?acl, ?policy, ?publicAccessBlock) starting from recorded AWS responses. GET answers the
/// current document, PUT stores the document the SDK sent (S3 answers a GET with the same shape), DELETE removes it,
/// so remediation and rollback are observed through the SDK's own serializers.
/// </summary>
public sealed class S3ControlPlaneReplay : HttpMessageHandler
{
    private static readonly Dictionary<string, string> NotConfigured = new()
    {
        ["policy"] = "aws/error-no-such-bucket-policy.xml",
        ["publicAccessBlock"] = "aws/error-no-such-pab.xml",
    };

    private readonly Dictionary<string, string?> _documents;

    public List<(string Method, string SubResource, string Body)> Writes { get; } = [];

    public S3ControlPlaneReplay(string? acl, string? policy, string? publicAccessBlock) => _documents = new()
    {
        ["acl"] = acl is null ? null : Recorded.Read(acl),
        ["policy"] = policy is null ? null : Recorded.Read(policy),
        ["publicAccessBlock"] = publicAccessBlock is null ? null : Recorded.Read(publicAccessBlock),
    };

    public string? Current(string subResource) => _documents[subResource];

    /// <summary>Sets a document directly, as if the bucket had been configured so before the test.</summary>
    public void Put(string subResource, string? document) => _documents[subResource] = document;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var subResource = _documents.Keys.FirstOrDefault(k => RecordedHttpHandler.HasQuery(request.RequestUri!, k))
            ?? throw new InvalidOperationException($"no recording for {request.Method} {request.RequestUri}");
        if (request.Method == HttpMethod.Get)
        {
            return _documents[subResource] is { } body
                ? Respond(HttpStatusCode.OK, body)
                : Respond(HttpStatusCode.NotFound, Recorded.Read(NotConfigured[subResource]));
        }
        var sent = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Writes.Add((request.Method.Method, subResource, sent));
        _documents[subResource] = request.Method == HttpMethod.Delete ? null : sent;
        return Respond(request.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK, "");
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body) => new(status)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/xml"),
        Headers = { { "x-amz-request-id", "0A49CE4060975EAC" } },
    };
}
