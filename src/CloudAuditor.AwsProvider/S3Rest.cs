using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Http;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Signed S3 and S3 Control requests sent without the SDK's pipeline, for reads of settings whose usual answer is "not
/// configured": the SDK turns every such 404 into an exception thrown through about fifteen async layers, which cost most of
/// a sweep's CPU (a bucket has ten settings). Pacing and counting come from the budgeted <see cref="HttpClient"/>, retries
/// from <see cref="HttpRetry"/>, signing from <see cref="SigV4Signer"/>.
/// </summary>
internal sealed class S3Rest(HttpClient http, AwsTarget target, AWSCredentials? credentials, int maxRetries, TimeProvider time)
{
    /// <summary>Far above any setting S3 stores (a lifecycle of 1,000 rules is under 1 MiB); a larger answer is not read.</summary>
    public const int MaxAnswerBytes = 4 << 20;

    private readonly Lazy<AWSCredentials> _credentials = new(() => credentials ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials());

    /// <summary>An answer: its status, S3's error code when it failed, and the body (at most <see cref="MaxAnswerBytes"/>).</summary>
    public sealed record Answer(HttpStatusCode Status, string? ErrorCode, string Body)
    {
        public bool Succeeded => (int)Status is >= 200 and < 300;

        /// <exception cref="System.Xml.XmlException">The body is not XML.</exception>
        public XElement Document() => XDocument.Parse(Body).Root ?? throw new System.Xml.XmlException("empty document");
    }

    /// <summary>
    /// GET of a bucket's (or one object's) sub-resource, such as <c>?acl</c>. A bucket answered from another region than the one
    /// asked (301 or 400 naming its region in x-amz-bucket-region) is asked once more there.
    /// </summary>
    /// <exception cref="FaultException">The answer is larger than <see cref="MaxAnswerBytes"/>.</exception>
    public Task<Answer> GetAsync(string bucket, string region, string? key, string subResource, CancellationToken cancellationToken) =>
        GetAsync(bucket, region, key, subResource, followRegion: true, cancellationToken);

    private async Task<Answer> GetAsync(string bucket, string region, string? key, string subResource, bool followRegion,
        CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, BucketAddress(bucket, region, key, subResource), region, null, null, cancellationToken);
        // Once: two regions naming each other would otherwise be asked in turn for ever.
        if (followRegion && !response.IsSuccessStatusCode && response.Headers.TryGetValues("x-amz-bucket-region", out var named)
            && named.FirstOrDefault() is { Length: > 0 } home && home != region)
            return await GetAsync(bucket, home, key, subResource, followRegion: false, cancellationToken);
        return await ReadAsync(response, $"{subResource} of {bucket}", cancellationToken);
    }

    /// <summary>An S3 Control request for the account (<paramref name="path"/> under the account's S3 Control endpoint).</summary>
    public async Task<Answer> SendControlAsync(HttpMethod method, string accountId, string path, string? body, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(new Uri(target.S3ControlUrl ?? $"https://{accountId}.s3-control.{target.Region}.amazonaws.com"), path);
        using var response = await SendAsync(method, endpoint, target.Region, ("x-amz-account-id", accountId), body, cancellationToken);
        return await ReadAsync(response, path, cancellationToken);
    }

    /// <summary>The bucket's (or object's) address with the sub-resource, sent as written (no dot segments collapsed).</summary>
    private Uri BucketAddress(string bucket, string region, string? key, string subResource)
    {
        // A virtual-hosted bucket's own address is its root, "/"; a path-style one's is "/bucket".
        var address = key is not null ? S3Addressing.Object(target, bucket, region, key)
            : S3Addressing.Bucket(target, bucket, region) + (S3Addressing.IsPathStyle(target, bucket) ? "" : "/");
        return S3Addressing.Verbatim($"{address}?{subResource}");
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri address, string region, (string Name, string Value)? header, string? body,
        CancellationToken cancellationToken)
    {
        var identity = await _credentials.Value.GetCredentialsAsync();
        var payload = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var hash = SigV4Signer.Hash(payload);
        return await HttpRetry.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(method, address);
            if (body is not null) request.Content = new ByteArrayContent(payload);
            if (header is var (name, value)) request.Headers.TryAddWithoutValidation(name, value);
            request.Headers.TryAddWithoutValidation("x-amz-content-sha256", hash);
            request.Headers.TryAddWithoutValidation("x-amz-date", time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            if (identity.UseToken) request.Headers.TryAddWithoutValidation("x-amz-security-token", identity.Token);
            SigV4Signer.Sign(request, hash, identity.AccessKey, identity.SecretKey, region, "s3");
            return request;
        }, maxRetries, cancellationToken);
    }

    private static async Task<Answer> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxAnswerBytes) throw TooLarge(what);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 << 10];
        for (int read; (read = await stream.ReadAsync(chunk, cancellationToken)) > 0;)
        {
            if (buffer.Length + read > MaxAnswerBytes) throw TooLarge(what);
            buffer.Write(chunk, 0, read);
        }
        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return new Answer(response.StatusCode, response.IsSuccessStatusCode ? null : ErrorCode(body), body);
    }

    private static FaultException TooLarge(string what) =>
        new(new Fault(FaultKind.Malformed, $"the answer for {what} is larger than {MaxAnswerBytes >> 20} MiB, which no S3 setting is; it was not read"));

    /// <summary>S3 answers errors as Error/Code (S3 Control wraps it in ErrorResponse); an unparsable body has no code.</summary>
    private static string? ErrorCode(string body)
    {
        try
        {
            return XDocument.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }
}
