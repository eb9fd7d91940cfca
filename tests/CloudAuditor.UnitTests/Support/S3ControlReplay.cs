using System.Net;
using System.Text;

namespace CloudAuditor.UnitTests.Support;

/// <summary>
/// The account's public access block behind S3 Control, starting from a recorded document: GET answers it (or AWS's recorded
/// NoSuchPublicAccessBlockConfiguration), PUT stores what was sent, DELETE removes it. Unsigned requests are refused as AWS would.
/// </summary>
public sealed class S3ControlReplay(string? recordedBlock) : HttpMessageHandler
{
    public string? Current { get; private set; } = recordedBlock is null ? null : Recorded.Read(recordedBlock);

    public List<string> Writes { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!RecordedHttpHandler.IsSigned(request) || request.RequestUri!.AbsolutePath != "/v20180820/configuration/publicAccessBlock")
            return Respond(HttpStatusCode.Forbidden, Recorded.Read("aws/s3control-error-access-denied.xml"));
        if (request.Method == HttpMethod.Get)
            return Current is { } body ? Respond(HttpStatusCode.OK, body) : Respond(HttpStatusCode.NotFound, Recorded.Read("aws/s3control-error-no-pab.xml"));
        Writes.Add(request.Method.Method);
        Current = request.Method == HttpMethod.Delete ? null : await request.Content!.ReadAsStringAsync(cancellationToken);
        return Respond(request.Method == HttpMethod.Delete ? HttpStatusCode.NoContent : HttpStatusCode.OK, "");
    }

    private static HttpResponseMessage Respond(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/xml") };
}
