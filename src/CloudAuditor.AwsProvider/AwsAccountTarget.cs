using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken.Model;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
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
    private readonly HttpClient _http = settings.CreateHttpClient();
    private S3Rest? _rest;

    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Aws;
    public IFaultClassifier Faults => AwsFaults.Instance;

    /// <summary>
    /// Built once per target (the coordinator asks for every failing finding), and only if enforce mode asks at all. The
    /// public access block closes ACL and policy exposure alike, so it also answers the anonymous-access proof.
    /// </summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators, () =>
    [
        new PublicAccessBlockRemediator(PublicAccessBlockCheck.Id, Client, Settings), new PublicAccessBlockRemediator(AnonymousAccessCheck.Id, Client,
            Settings),
        new AclGrantRemediator(Client, Settings), new PolicyStatementRemediator(Client, Settings), new ObjectAclRemediator(Client, Settings),
        new AccountPublicAccessBlockRemediator(AccountControl()),
    ]);

    private IReadOnlyList<IRemediator>? _remediators;

    /// <summary>The account's buckets (the configured ones, when it names them): what its shards split.</summary>
    public async Task<int?> CountShardUnitsAsync(CancellationToken cancellationToken) =>
        (await BucketsAsync(Client(target.Region), cancellationToken)).Count;

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var home = Client(target.Region);
        var accountId = target.AccountId ?? await LookUpAccountIdAsync(cancellationToken);
        var buckets = await BucketsAsync(home, cancellationToken);
        var regions = buckets.ToDictionary(b => b.Name, b => b.Region, StringComparer.Ordinal);
        var accountBlock = await AccountControl().ReadAsync(accountId, cancellationToken);
        // An account subject only where there is an account layer to judge and fix (AWS, or an endpoint given s3ControlUrl), once per sweep.
        if (accountId is not null && (target.ServiceUrl is null || target.S3ControlUrl is not null) && sink.Shard.IsFirst)
            await sink.SubjectAsync(new AwsAccount(AwsAccount.For(accountId), accountBlock), cancellationToken);
        var scope = new ListingScope(new ResourceRef($"target:{target.Name}", "target", target.Name) { Account = accountId }, CoverageKinds.Bucket,
            Sharded: true);
        await ResourceFanOut.RunAsync(buckets.Select(b => b.Name).ToAsyncEnumerable(), scope, bucket => BucketResource(bucket, accountId),
            async (bucket, token) =>
            {
                var subject = await ReadBucketAsync(BucketResource(bucket, accountId), regions[bucket], token) with { AccountPublicAccessBlock = accountBlock };
                await sink.SubjectAsync(subject, token);
                await sink.ObjectsAsync(subject, new S3ObjectStore(Client(subject.Region), bucket), token);
            },
            sink, AwsFaults.Instance, settings.Sweep.ContainerConcurrency, cancellationToken);
    }

    private static ResourceRef BucketResource(string bucket, string? accountId) =>
        new($"arn:aws:s3:::{bucket}", "s3-bucket", bucket) { Account = accountId, Bucket = bucket };

    /// <param name="listedRegion">The region ListBuckets gave for the bucket, if it gave one.</param>
    private async Task<S3Bucket> ReadBucketAsync(ResourceRef resource, string? listedRegion, CancellationToken cancellationToken)
    {
        var name = resource.Name;
        var region = await RegionOfAsync(name, listedRegion, cancellationToken);
        var reader = Settings(region);
        // Every read goes out as soon as what it needs is known: the settings, the key sample and the anonymous listing at once,
        // the object ACLs once the keys and the ownership are in, the probe's object reads once those ACLs are (each read still
        // passes the bucket's request budget). A bucket waits for the longest chain, not for its reads in a row.
        var aclRead = reader.AclAsync(name, cancellationToken);
        var policyRead = reader.PolicyAsync(name, cancellationToken);
        var pabRead = reader.PublicAccessBlockAsync(name, cancellationToken);
        var ownershipRead = reader.OwnershipAsync(name, cancellationToken);
        var websiteRead = reader.WebsiteAsync(name, cancellationToken);
        var tagsRead = reader.TagsAsync(name, cancellationToken);
        var retentionRead = reader.RetentionAsync(name, cancellationToken);
        var aclSample = settings.Sweep.ObjectAclSample;
        var keysRead = aclSample > 0 || settings.Sweep.AnonymousProbe
            ? reader.SampleKeysAsync(name, Math.Max(aclSample, AnonymousS3Probe.ObjectsTried), cancellationToken)
            : Task.FromResult(Observed<S3KeySampler.KeySample>.NotRead("no key sample was needed"));
        var objectAclsRead = ObjectAclsAsync();
        var probeRead = settings.Sweep.AnonymousProbe
            ? new AnonymousS3Probe(_http, target, settings.Sweep.MaxRetries).ProbeAsync(name, region, ProbeKeysAsync(), cancellationToken)
            : Task.FromResult(AnonymousProbe.NotAttempted);
        await Task.WhenAll(aclRead, policyRead, pabRead, ownershipRead, websiteRead, tagsRead, retentionRead, objectAclsRead, probeRead);
        return new S3Bucket(resource, region, aclRead.Result, policyRead.Result, pabRead.Result, websiteRead.Result, tagsRead.Result, probeRead.Result)
        {
            Retention = retentionRead.Result,
            Ownership = ownershipRead.Result,
            ObjectAcls = objectAclsRead.Result,
        };

        async Task<Observed<ObjectAclSample>> ObjectAclsAsync()
        {
            if (aclSample == 0) return Observed<ObjectAclSample>.NotRead("object ACLs were not sampled (sweep.objectAclSample is 0)");
            var keys = await keysRead;
            return keys.Value is { } sample
                ? await reader.ObjectAclsAsync(name, sample with { Keys = [.. sample.Keys.Take(aclSample)] }, await ownershipRead, cancellationToken)
                : keys.Map<ObjectAclSample>(_ => null);
        }

        // Objects whose ACL is public are the likeliest to answer a stranger, so the probe tries them first.
        async Task<IReadOnlyList<string>> ProbeKeysAsync()
        {
            var (keys, objectAcls) = (await keysRead, await objectAclsRead);
            return [.. (objectAcls.Value?.Public.Select(p => p.Key) ?? []).Concat(keys.Value?.Keys ?? []).Distinct(StringComparer.Ordinal)];
        }
    }

    /// <summary>A bucket by name, with its region where ListBuckets names it (AWS has since 2024; configured buckets and other endpoints may not).</summary>
    private sealed record ListedBucket(string Name, string? Region);

    private async Task<IReadOnlyList<ListedBucket>> BucketsAsync(AmazonS3Client client, CancellationToken cancellationToken)
    {
        if (target.Buckets.Count > 0) return [.. target.Buckets.Distinct(StringComparer.Ordinal).Select(b => new ListedBucket(b, null))];
        try
        {
            var response = await client.ListBucketsAsync(new ListBucketsRequest(), cancellationToken);
            return [.. (response.Buckets ?? []).Select(b => new ListedBucket(b.BucketName, b.BucketRegion))];
        }
#pragma warning disable CA1031 // ListBuckets is the reachability test: whatever fails it, nothing of the target can be read.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new TargetUnreachableException($"S3 of target '{target.Name}' (ListBuckets)",
                FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance), e);
        }
    }

    /// <summary>
    /// Buckets live in one region; requests to another region get redirected or refused, so use a regional client. The region
    /// ListBuckets gave saves a GetBucketLocation per bucket, a round trip before any of its other reads.
    /// </summary>
    private async Task<string> RegionOfAsync(string bucket, string? listedRegion, CancellationToken cancellationToken)
    {
        if (target.ServiceUrl is not null) return target.Region;
        var region = !string.IsNullOrEmpty(listedRegion) ? listedRegion
            : (await Client(target.Region).GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, cancellationToken)).Location?.Value;
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

    private S3ControlClient AccountControl() => new(Rest, target);

    /// <summary>Signed requests of our own, for settings reads; the credentials are resolved once per target.</summary>
    private S3Rest Rest => LazyInitializer.EnsureInitialized(ref _rest,
        () => new S3Rest(_http, target, settings.ResolveCredentials(target), settings.Sweep.MaxRetries, TimeProvider.System));

    private S3SettingsReader Settings(string region) => new(Rest, region);

    private AmazonS3Client Client(string region) => _regionalClients.GetOrAdd(region, r => settings.CreateS3Client(target, r));

    public void Dispose()
    {
        foreach (var client in _regionalClients.Values) client.Dispose();
        _http.Dispose();
    }
}
