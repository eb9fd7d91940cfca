using System.Net;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Http;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Unsigned requests, exactly what a stranger can send: a one-key listing, then one-byte reads of a few sampled objects. Throttling and
/// server errors are retried like any request; only a refusal (401, 403, 404) counts as refused, and a probe that never
/// got an answer says "not proven" with the reason, never "refused".
/// </summary>
internal sealed class AnonymousS3Probe(HttpClient http, AwsTarget target, int maxRetries)
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    /// <summary>Objects an anonymous read is tried on when the listing is refused: the public ones of the ACL sample first.</summary>
    public const int ObjectsTried = 5;

    /// <param name="keys">The keys to try when the listing is refused: awaited only then, so the listing goes out before they are known.</param>
    public async Task<AnonymousProbe> ProbeAsync(string bucket, string region, Task<IReadOnlyList<string>> keys, CancellationToken cancellationToken)
    {
        var bucketUrl = S3Addressing.Bucket(target, bucket, region);
        var listRequest = $"GET {bucketUrl}?list-type=2&max-keys=1";
        var (list, listFault) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, $"{bucketUrl}?list-type=2&max-keys=1"), cancellationToken);
        if (list == HttpStatusCode.OK) return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200,
            "anonymous ListObjectsV2 returned 200 and the bucket listing");
        if (list is null || !Refusals.Contains(list.Value))
            return new AnonymousProbe(ProbeOutcome.Failed, listRequest, (int?)list, $"not proven: anonymous ListObjectsV2 " +
                $"{listFault!.Reason}") { Fault = listFault };
        var objects = (await keys).Take(ObjectsTried).ToList();
        if (objects.Count == 0)
            return new AnonymousProbe(ProbeOutcome.Denied, listRequest, (int)list, $"anonymous ListObjectsV2 refused with {(int)list}");

        // The reads go out together (a refused one costs a round trip, and a private bucket refuses them all) and are judged in
        // the sample's order, so the verdict and the object it names are those of reading them one after another.
        var reads = await Task.WhenAll(objects.Select(key => ReadFirstByteAsync(S3Addressing.Object(target, bucket, region, key), cancellationToken)));
        Fault? unanswered = null;
        for (var i = 0; i < reads.Length; i++)
        {
            var (request, read, readFault) = reads[i];
            if (read is HttpStatusCode.OK or HttpStatusCode.PartialContent)
                return new AnonymousProbe(ProbeOutcome.Allowed, request, (int)read,
                    $"anonymous ListObjectsV2 was refused ({(int)list}) but an anonymous read of object {i + 1} of {objects.Count} " +
                    $"sampled returned {(int)read}");
            if (read is null || !(Refusals.Contains(read.Value) || read == HttpStatusCode.RequestedRangeNotSatisfiable)) unanswered ??= readFault;
        }
        var lastRequest = reads[^1].Request;
        return unanswered is not null
            ? new AnonymousProbe(ProbeOutcome.Failed, lastRequest, null, $"not proven: an anonymous GetObject {unanswered.Reason}") { Fault = unanswered }
            : new AnonymousProbe(ProbeOutcome.Denied, lastRequest, (int)list,
                $"anonymous ListObjectsV2 ({(int)list}) and GetObject of {objects.Count} sampled object(s) were refused");
    }

    private async Task<(string Request, HttpStatusCode? Status, Fault? Fault)> ReadFirstByteAsync(string objectUrl, CancellationToken cancellationToken)
    {
        var (status, fault) = await SendAsync(() =>
        {
            var get = new HttpRequestMessage(HttpMethod.Get, S3Addressing.Verbatim(objectUrl));
            get.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
            return get;
        }, cancellationToken);
        return ($"GET {objectUrl} (Range: bytes=0-0)", status, fault);
    }

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
