using System.Net;
using System.Xml.Linq;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// The account-level Block Public Access through the S3 Control REST API (GET/PUT/DELETE /v20180820/configuration/publicAccessBlock
/// on {account}.s3-control.{region}.amazonaws.com), sent through <see cref="S3Rest"/>: AWSSDK.S3Control is not served here.
/// </summary>
internal sealed class S3ControlClient(S3Rest rest, AwsTarget target) : IRequiresPermissions
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
            var answer = await rest.SendControlAsync(HttpMethod.Get, accountId, Path, null, cancellationToken);
            if (answer.Succeeded) return Observed<PublicAccessBlock>.Of(S3SettingsXml.PublicAccessBlock(answer.Document()));
            return answer.Status == HttpStatusCode.NotFound && answer.ErrorCode == "NoSuchPublicAccessBlockConfiguration"
                ? Observed<PublicAccessBlock>.Of(null)
                : Observed<PublicAccessBlock>.Failed(HttpFaults.Of((int)answer.Status, answer.ErrorCode, "GetPublicAccessBlock (account)"));
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
        var answer = await rest.SendControlAsync(block is null ? HttpMethod.Delete : HttpMethod.Put, accountId, Path, body, cancellationToken);
        if (!answer.Succeeded) throw new FaultException(HttpFaults.Of((int)answer.Status, answer.ErrorCode, operation));
    }

    private static string Flag(bool on) => on ? "true" : "false";
}
