using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Amazon.Runtime;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Http;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// The account-level Block Public Access through the S3 Control REST API (GET/PUT/DELETE /v20180820/configuration/publicAccessBlock
/// on {account}.s3-control.{region}.amazonaws.com), signed with <see cref="SigV4Signer"/>: AWSSDK.S3Control is not served here.
/// </summary>
internal sealed class S3ControlClient(HttpClient http, AwsTarget target, AWSCredentials? credentials, int maxRetries, TimeProvider time)
    : IRequiresPermissions
{
    public static IReadOnlyList<Permission> Permissions { get; } = [Permission.Reads("s3:GetAccountPublicAccessBlock")];

    private const string Path = "/v20180820/configuration/publicAccessBlock";
    private static readonly XNamespace Ns = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    /// <summary>
    /// The account's block; "not configured" when there is none, and also for an S3-compatible endpoint without an S3 Control URL
    /// (MinIO, s3rver: there is no account layer above the bucket). Without an account id it cannot be asked, so it stays unknown.
    /// </summary>
    public async Task<Observed<PublicAccessBlock>> ReadAsync(string? accountId, CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not null && target.S3ControlUrl is null) return Observed<PublicAccessBlock>.Of(null);
        if (accountId is null)
            return Observed<PublicAccessBlock>.NotRead("account-level Block Public Access: the account id is unknown (set accountId on the target, " +
                "or allow sts:GetCallerIdentity)");
        try
        {
            using var response = await SendAsync(HttpMethod.Get, accountId, null, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.IsSuccessStatusCode) return Observed<PublicAccessBlock>.Of(Parse(body));
            var code = ErrorCode(body);
            return response.StatusCode == HttpStatusCode.NotFound && code == "NoSuchPublicAccessBlockConfiguration"
                ? Observed<PublicAccessBlock>.Of(null)
                : Observed<PublicAccessBlock>.Failed(HttpFaults.Of((int)response.StatusCode, code, "GetPublicAccessBlock (account)"));
        }
        catch (System.Xml.XmlException)
        {
            return Observed<PublicAccessBlock>.Failed(new Fault(FaultKind.Malformed, "GetPublicAccessBlock (account): the answer is not the expected XML"));
        }
#pragma warning disable CA1031 // No answer, timed out or refused credentials: the account block stays unknown, the verdicts that need it say so.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance);
            return Observed<PublicAccessBlock>.Failed(fault with { Reason = $"GetPublicAccessBlock (account): {fault.Reason}" });
        }
    }

    /// <summary>Puts the block, or deletes it when <paramref name="block"/> is null (rollback to "none").</summary>
    /// <exception cref="FaultException">S3 Control refused or did not answer.</exception>
    public async Task WriteAsync(string accountId, PublicAccessBlock? block, CancellationToken cancellationToken)
    {
        var body = block is null ? null : new XDocument(new XElement(Ns + "PublicAccessBlockConfiguration",
            new XElement(Ns + "BlockPublicAcls", Flag(block.BlockPublicAcls)), new XElement(Ns + "IgnorePublicAcls", Flag(block.IgnorePublicAcls)),
            new XElement(Ns + "BlockPublicPolicy", Flag(block.BlockPublicPolicy)),
            new XElement(Ns + "RestrictPublicBuckets", Flag(block.RestrictPublicBuckets)))).ToString(SaveOptions.DisableFormatting);
        var operation = block is null ? "DeletePublicAccessBlock (account)" : "PutPublicAccessBlock (account)";
        using var response = await SendAsync(block is null ? HttpMethod.Delete : HttpMethod.Put, accountId, body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var code = ErrorCode(await response.Content.ReadAsStringAsync(cancellationToken));
            throw new FaultException(HttpFaults.Of((int)response.StatusCode, code, operation));
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string accountId, string? body, CancellationToken cancellationToken)
    {
        var identity = await (credentials ?? Amazon.Runtime.Credentials.DefaultAWSCredentialsIdentityResolver.GetCredentials()).GetCredentialsAsync();
        var payload = body is null ? [] : Encoding.UTF8.GetBytes(body);
        var endpoint = new Uri(new Uri(target.S3ControlUrl ?? $"https://{accountId}.s3-control.{target.Region}.amazonaws.com"), Path);
        return await HttpRetry.SendAsync(http, () =>
        {
            var request = new HttpRequestMessage(method, endpoint);
            if (body is not null) request.Content = new ByteArrayContent(payload);
            var hash = SigV4Signer.Hash(payload);
            request.Headers.TryAddWithoutValidation("x-amz-account-id", accountId);
            request.Headers.TryAddWithoutValidation("x-amz-content-sha256", hash);
            request.Headers.TryAddWithoutValidation("x-amz-date", time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            if (identity.UseToken) request.Headers.TryAddWithoutValidation("x-amz-security-token", identity.Token);
            SigV4Signer.Sign(request, hash, identity.AccessKey, identity.SecretKey, target.Region, "s3");
            return request;
        }, maxRetries, cancellationToken);
    }

    private static PublicAccessBlock Parse(string xml)
    {
        var root = XDocument.Parse(xml).Root!;
        bool On(string name) => root.Elements().Any(e => e.Name.LocalName == name && e.Value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
        return new PublicAccessBlock(On("BlockPublicAcls"), On("IgnorePublicAcls"), On("BlockPublicPolicy"), On("RestrictPublicBuckets"));
    }

    /// <summary>S3 Control wraps errors as ErrorResponse/Error/Code; an unparsable body has no code.</summary>
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

    private static string Flag(bool on) => on ? "true" : "false";
}
