using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using Microsoft.Extensions.Logging;
using S3Bucket = CloudAuditor.Core.Model.S3Bucket;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>The S3 buckets of one AWS account (or one S3-compatible endpoint).</summary>
internal sealed class AwsAccountTarget(AwsTarget target, AwsClientFactory settings, ILogger logger) : ITargetInventory, IDisposable, IRequiresPermissions
{
    /// <summary>ListBuckets, each bucket's region, and the account id when the configuration does not give it.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:ListAllMyBuckets"),
        Permission.Reads("s3:GetBucketLocation"),
        Permission.Reads("sts:GetCallerIdentity"),
    ];

    private readonly ConcurrentDictionary<string, AmazonS3Client> _regionalClients = new();
    private readonly HttpClient _anonymousHttp = settings.CreateAnonymousHttpClient();

    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Aws;

    /// <summary>The public access block closes ACL and policy exposure alike, so it also answers the anonymous-access proof.</summary>
    /// <summary>Built once per target (the coordinator asks for every failing finding), and only if enforce mode asks at all.</summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators, () =>
    [
        new PublicAccessBlockRemediator(PublicAccessBlockCheck.Id, Client), new PublicAccessBlockRemediator(AnonymousAccessCheck.Id, Client),
        new AclGrantRemediator(Client), new PolicyStatementRemediator(Client),
    ]);

    private IReadOnlyList<IRemediator>? _remediators;

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var home = Client(target.Region);
        var accountId = target.AccountId ?? await LookUpAccountIdAsync(cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Sweep.ContainerConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(await BucketNamesAsync(home, cancellationToken), options, async (bucket, cancellationToken) =>
        {
            var resource = new ResourceRef($"arn:aws:s3:::{bucket}", "s3-bucket", bucket) { Account = accountId, Bucket = bucket };
            try
            {
                var subject = await ReadBucketAsync(resource, cancellationToken);
                await sink.SubjectAsync(subject, cancellationToken);
                await sink.ObjectsAsync(subject, new S3ObjectStore(Client(subject.Region), bucket), cancellationToken);
                var unreadable = subject.Observations.Where(o => o.State == ObservationState.Failed).Select(o => o.Unreadable).ToList();
                if (unreadable.Count > 0)
                    await sink.ErrorAsync(FindingFactory.Error(CloudKind.Aws, resource, AuditGapChecks.S3SettingsUnreadable,
                        $"Some settings could not be read, so the checks that need them were not judged: {string.Join("; ", unreadable)}."), cancellationToken);
            }
            catch (AmazonServiceException e)
            {
                logger.LogWarning("Bucket {Bucket} could not be read: {Code}", bucket, e.ErrorCode);
                await sink.ErrorAsync(FindingFactory.Error(CloudKind.Aws, resource, AuditGapChecks.S3BucketUnreadable,
                    $"The bucket could not be read ({(int)e.StatusCode} {e.ErrorCode})."), cancellationToken);
            }
        });
    }

    private async Task<S3Bucket> ReadBucketAsync(ResourceRef resource, CancellationToken cancellationToken)
    {
        var name = resource.Name;
        var region = await RegionOfAsync(name, cancellationToken);
        var reader = new S3SettingsReader(Client(region));
        var acl = await reader.AclAsync(name, cancellationToken);
        var policy = await reader.PolicyAsync(name, cancellationToken);
        var pab = await reader.PublicAccessBlockAsync(name, cancellationToken);
        var website = await reader.WebsiteAsync(name, cancellationToken);
        var tags = await reader.TagsAsync(name, cancellationToken);
        var retention = await reader.RetentionAsync(name, cancellationToken);
        var probe = settings.Sweep.AnonymousProbe
            ? await new AnonymousS3Probe(_anonymousHttp, target).ProbeAsync(name, region, await reader.FirstKeyAsync(name, cancellationToken), cancellationToken)
            : AnonymousProbe.NotAttempted;
        return new S3Bucket(resource, region, acl, policy, pab, website, tags, probe) { Retention = retention };
    }

    private async Task<IReadOnlyList<string>> BucketNamesAsync(AmazonS3Client client, CancellationToken cancellationToken)
    {
        if (target.Buckets.Count > 0) return target.Buckets;
        try
        {
            var response = await client.ListBucketsAsync(new ListBucketsRequest(), cancellationToken);
            return (response.Buckets ?? []).Select(b => b.BucketName).ToList();
        }
        catch (AmazonServiceException e) when (e.StatusCode is 0 or System.Net.HttpStatusCode.Forbidden || e.InnerException is HttpRequestException)
        {
            throw new TargetUnreachableException($"S3 for target {target.Name} refused or did not answer ListBuckets ({Describe(e)}).", e);
        }
        catch (Exception e) when (e is HttpRequestException or AmazonClientException)
        {
            throw new TargetUnreachableException($"S3 for target {target.Name} did not answer ({e.GetType().Name}).", e);
        }
    }

    /// <summary>Buckets live in one region; requests to another region get redirected or refused, so use a regional client.</summary>
    private async Task<string> RegionOfAsync(string bucket, CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not null) return target.Region;
        var location = await Client(target.Region).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken);
        var region = location.Location?.Value;
        return string.IsNullOrEmpty(region) ? "us-east-1" : region == "EU" ? "eu-west-1" : region;
    }

    private async Task<string?> LookUpAccountIdAsync(CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not null) return null;
        try
        {
            using var sts = settings.CreateStsClient(target);
            return (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken)).Account;
        }
        catch (AmazonServiceException e)
        {
            logger.LogWarning("Account id of {Target} unknown: {Code}", target.Name, e.ErrorCode);
            return null;
        }
    }

    private AmazonS3Client Client(string region) => _regionalClients.GetOrAdd(region, r => settings.CreateS3Client(target, r));

    private static string Describe(AmazonServiceException e) => e.StatusCode == 0 ? "no response" : $"{(int)e.StatusCode} {e.ErrorCode}";

    public void Dispose()
    {
        foreach (var client in _regionalClients.Values) client.Dispose();
        _anonymousHttp.Dispose();
    }
}
