using System.Net;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>Unsigned requests, exactly what a stranger can send: a one-key listing, then a one-byte object read.</summary>
internal sealed class AnonymousS3Probe(HttpClient http, AwsTarget target)
{
    public async Task<AnonymousProbe> ProbeAsync(string bucket, string region, string? knownKey, CancellationToken cancellationToken)
    {
        var bucketUrl = BucketUrl(bucket, region);
        var listRequest = $"GET {bucketUrl}?list-type=2&max-keys=1";
        var list = await SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{bucketUrl}?list-type=2&max-keys=1"), cancellationToken);
        if (list is null) return new AnonymousProbe(ProbeOutcome.Failed, listRequest, null, "anonymous ListObjectsV2 got no answer");
        if (list == HttpStatusCode.OK) return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200, "anonymous ListObjectsV2 returned 200 and the bucket listing");
        if (knownKey is null)
            return new AnonymousProbe(ProbeOutcome.Denied, listRequest, (int)list, $"anonymous ListObjectsV2 refused with {(int)list}");

        var objectUrl = $"{bucketUrl}/{string.Join('/', knownKey.Split('/').Select(Uri.EscapeDataString))}";
        var readRequest = $"GET {objectUrl} (Range: bytes=0-0)";
        var get = new HttpRequestMessage(HttpMethod.Get, objectUrl);
        get.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 0);
        var read = await SendAsync(get, cancellationToken);
        return read switch
        {
            null => new AnonymousProbe(ProbeOutcome.Failed, readRequest, null, "anonymous GetObject got no answer"),
            HttpStatusCode.OK or HttpStatusCode.PartialContent => new AnonymousProbe(ProbeOutcome.Allowed, readRequest, (int)read,
                $"anonymous ListObjectsV2 was refused ({(int)list}) but an anonymous object read returned {(int)read}"),
            _ => new AnonymousProbe(ProbeOutcome.Denied, readRequest, (int)read, $"anonymous ListObjectsV2 ({(int)list}) and GetObject ({(int)read}) were refused"),
        };
    }

    private string BucketUrl(string bucket, string region) => target.ServiceUrl is { } url
        ? target.ForcePathStyle ? $"{url.TrimEnd('/')}/{bucket}" : $"{new UriBuilder(url) { Host = $"{bucket}.{new Uri(url).Host}" }.Uri.ToString().TrimEnd('/')}"
        : $"https://{bucket}.s3.{region}.amazonaws.com";

    private async Task<HttpStatusCode?> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using (request)
            using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
                return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
