using System.Net;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Http;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Unsigned requests, exactly what a stranger can send: a one-key listing, then a one-byte object read. Throttling and
/// server errors are retried like any request; only a refusal (401, 403, 404) counts as refused, and a probe that never
/// got an answer says "not proven" with the reason, never "refused".
/// </summary>
internal sealed class AnonymousS3Probe(HttpClient http, AwsTarget target, int maxRetries)
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    public async Task<AnonymousProbe> ProbeAsync(string bucket, string region, string? knownKey, CancellationToken cancellationToken)
    {
        var bucketUrl = BucketUrl(bucket, region);
        var listRequest = $"GET {bucketUrl}?list-type=2&max-keys=1";
        var (list, listFault) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{bucketUrl}?list-type=2&max-keys=1"), cancellationToken);
        if (list == HttpStatusCode.OK) return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200,
            "anonymous ListObjectsV2 returned 200 and the bucket listing");
        if (list is null || !Refusals.Contains(list.Value))
            return new AnonymousProbe(ProbeOutcome.Failed, listRequest, (int?)list, $"not proven: anonymous ListObjectsV2 " +
                $"{listFault!.Reason}") { Fault = listFault };
        if (knownKey is null)
            return new AnonymousProbe(ProbeOutcome.Denied, listRequest, (int)list, $"anonymous ListObjectsV2 refused with {(int)list}");

        var objectUrl = $"{bucketUrl}/{string.Join('/', knownKey.Split('/').Select(Uri.EscapeDataString))}";
        var readRequest = $"GET {objectUrl} (Range: bytes=0-0)";
        var (read, readFault) = await SendAsync(() =>
        {
            var get = new HttpRequestMessage(HttpMethod.Get, objectUrl);
            get.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
            return get;
        }, cancellationToken);
        return read switch
        {
            HttpStatusCode.OK or HttpStatusCode.PartialContent => new AnonymousProbe(ProbeOutcome.Allowed, readRequest, (int)read,
                $"anonymous ListObjectsV2 was refused ({(int)list}) but an anonymous object read returned {(int)read}"),
            { } refused when Refusals.Contains(refused) || refused == HttpStatusCode.RequestedRangeNotSatisfiable =>
                new AnonymousProbe(ProbeOutcome.Denied, readRequest, (int)refused, $"anonymous ListObjectsV2 ({(int)list}) and GetObject ({(int)refused}) " +
                    $"were refused"),
            _ => new AnonymousProbe(ProbeOutcome.Failed, readRequest, (int?)read, $"not proven: anonymous GetObject {readFault!.Reason}") { Fault = readFault },
        };
    }

    private string BucketUrl(string bucket, string region) => target.ServiceUrl is { } url
        ? target.ForcePathStyle
            ? $"{url.TrimEnd('/')}/{bucket}"
            : new UriBuilder(url) { Host = $"{bucket}.{new Uri(url).Host}" }.Uri.ToString().TrimEnd('/')
        : $"https://{bucket}.s3.{region}.amazonaws.com";

    /// <returns>The final status, and what it means when it is not an answer the probe can read (throttled, no answer).</returns>
    private async Task<(HttpStatusCode? Status, Fault? Fault)> SendAsync(Func<HttpRequestMessage> request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await HttpRetry.SendAsync(http, request, maxRetries, cancellationToken);
            var status = (int)response.StatusCode;
            return (response.StatusCode, status is 429 or 503 ? new Fault(FaultKind.Throttled, $"was throttled ({status} after {maxRetries + 1} attempts)")
                : new Fault(HttpFaults.KindOf(status, null), $"answered {status}"));
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var fault = FaultClassifier.Classify(e, cancellationToken);
            return (null, fault with { Reason = $"got no answer ({fault.Reason})" });
        }
    }
}
