using System.Xml;
using System.Xml.Linq;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using Bucket = string;
using WebsiteConfiguration = CloudAuditor.Core.Model.WebsiteConfiguration;
using ObjectOwnership = CloudAuditor.Core.Model.ObjectOwnership;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Reads each bucket setting on its own (signed REST GETs through <see cref="S3Rest"/>), mapping the "not configured" error codes
/// to null and anything else (AccessDenied, NotImplemented on S3-compatible servers) to an unreadable setting with its reason.
/// </summary>
internal sealed class S3SettingsReader(S3Rest rest, string region) : IRequiresPermissions
{
    /// <summary>One Get per setting, and a one-key listing for the anonymous read probe.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetBucketAcl"),
        Permission.Reads("s3:GetBucketPolicy"),
        Permission.Reads("s3:GetBucketPublicAccessBlock"),
        Permission.Reads("s3:GetBucketWebsite"),
        Permission.Reads("s3:GetBucketTagging"),
        Permission.Reads("s3:GetBucketOwnershipControls"),
        Permission.Reads("s3:GetBucketVersioning"),
        Permission.Reads("s3:GetBucketObjectLockConfiguration"),
        Permission.Reads("s3:GetLifecycleConfiguration"),
        Permission.Reads("s3:GetReplicationConfiguration"),
        Permission.Reads("s3:ListBucket"),
        Permission.Reads("s3:GetObjectAcl"),
    ];

    public Task<Observed<AclList>> AclAsync(Bucket bucket, CancellationToken cancellationToken) =>
        GetAsync("GetBucketAcl", bucket, "acl", notConfiguredCode: null, S3SettingsXml.Acl, cancellationToken);

    public Task<Observed<BucketPolicy>> PolicyAsync(Bucket bucket, CancellationToken cancellationToken) => GetAsync("GetBucketPolicy", bucket, "policy",
        "NoSuchBucketPolicy", answer => string.IsNullOrWhiteSpace(answer.Body) ? null : BucketPolicy.Parse(answer.Body), cancellationToken);

    public Task<Observed<PublicAccessBlock>> PublicAccessBlockAsync(Bucket bucket, CancellationToken cancellationToken) =>
        GetAsync("GetPublicAccessBlock", bucket, "publicAccessBlock", "NoSuchPublicAccessBlockConfiguration", S3SettingsXml.PublicAccessBlock,
            cancellationToken);

    /// <summary>Object Ownership; no controls at all means ObjectWriter (ACLs in force), as for buckets made before April 2023.</summary>
    public Task<Observed<ObjectOwnership>> OwnershipAsync(Bucket bucket, CancellationToken cancellationToken) =>
        GetAsync("GetBucketOwnershipControls", bucket, "ownershipControls", "OwnershipControlsNotFoundError", S3SettingsXml.Ownership, cancellationToken);

    public Task<Observed<WebsiteConfiguration>> WebsiteAsync(Bucket bucket, CancellationToken cancellationToken) =>
        GetAsync("GetBucketWebsite", bucket, "website", "NoSuchWebsiteConfiguration", S3SettingsXml.Website, cancellationToken);

    public Task<Observed<TagSet>> TagsAsync(Bucket bucket, CancellationToken cancellationToken) =>
        GetAsync("GetBucketTagging", bucket, "tagging", "NoSuchTagSet", S3SettingsXml.Tags, cancellationToken);

    /// <summary>Versioning, object lock, lifecycle expiry and replication; unreadable ones are named, the rest still count.</summary>
    public async Task<RetentionPosture> RetentionAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        // Four independent reads, sent together.
        var versioningRead = GetAsync("GetBucketVersioning", bucket, "versioning", notConfiguredCode: null, S3SettingsXml.Versioning, cancellationToken);
        var objectLockRead = GetAsync("GetObjectLockConfiguration", bucket, "object-lock", "ObjectLockConfigurationNotFoundError", S3SettingsXml.ObjectLock,
            cancellationToken);
        var lifecycleRead = GetAsync("GetLifecycleConfiguration", bucket, "lifecycle", "NoSuchLifecycleConfiguration", S3SettingsXml.Lifecycle,
            cancellationToken);
        var replicationRead = GetAsync("GetBucketReplication", bucket, "replication", "ReplicationConfigurationNotFoundError", S3SettingsXml.Replication,
            cancellationToken);
        var (versioning, objectLock, lifecycle, replication) = (await versioningRead, await objectLockRead, await lifecycleRead, await replicationRead);

        return new RetentionPosture
        {
            SoftDelete = Observed<SoftDeleteSettings>.Of(null),
            Versioning = versioning.Map(v => v ?? new VersioningSettings(false, false)),
            Immutability = objectLock.Map(l => l ?? new ImmutabilitySettings(null, false, LegalHold: false)),
            Lifecycle = lifecycle.Map(l => l ?? new LifecycleRules([])),
            Replication = replication.Map(r => r ?? new ReplicationSettings(false)),
            ChangeFeed = Observed<ChangeFeedSettings>.Of(null),
        };
    }

    /// <summary>Object ACL reads of one bucket in flight at once.</summary>
    private const int ObjectAclsAtOnce = 10;

    /// <summary>
    /// The ACLs of sampled keys. Under BucketOwnerEnforced ACLs grant nothing, so none is read; a key whose ACL is refused counts
    /// as unread and the others still count; all refused is a failed read.
    /// </summary>
    public async Task<Observed<ObjectAclSample>> ObjectAclsAsync(Bucket bucket, S3KeySampler.KeySample sample, Observed<ObjectOwnership> ownership,
        CancellationToken cancellationToken)
    {
        if (ownership.Value?.AclsDisabled == true)
            return Observed<ObjectAclSample>.Of(new ObjectAclSample(0, sample.Prefixes, []) { Skipped = "ACLs are disabled (BucketOwnerEnforced)" });
        if (sample.Keys.Count == 0) return Observed<ObjectAclSample>.Of(new ObjectAclSample(0, 0, []) { Skipped = "the bucket listing returned no objects" });
        var exposed = new List<ObjectAclExposure>();
        var (unread, reason) = (0, (string?)null);
        // Read ObjectAclsAtOnce at a time, judged in the sample's order.
        var acls = new List<Observed<AclList>>(sample.Keys.Count);
        foreach (var batch in sample.Keys.Chunk(ObjectAclsAtOnce))
            acls.AddRange(await Task.WhenAll(batch.Select(key =>
                GetAsync("GetObjectAcl", bucket, "acl", notConfiguredCode: null, S3SettingsXml.Acl, cancellationToken, key))));
        foreach (var (key, acl) in sample.Keys.Zip(acls))
        {
            if (!acl.IsKnown)
            {
                (unread, reason) = (unread + 1, reason ?? acl.Unreadable);
                continue;
            }
            if (acl.Value!.Grants.Where(g => g.IsPublic).ToList() is { Count: > 0 } grants) exposed.Add(new ObjectAclExposure(key, grants));
        }
        if (unread == sample.Keys.Count)
            return Observed<ObjectAclSample>.Failed(new Fault(FaultKind.AccessDenied, $"object ACLs of {unread} sampled keys: {reason}"));
        return Observed<ObjectAclSample>.Of(new ObjectAclSample(sample.Keys.Count - unread, sample.Prefixes, exposed)
        {
            KeysUnread = unread,
            UnreadReason = reason,
        });
    }

    private Task<Observed<T>> GetAsync<T>(string operation, Bucket bucket, string subResource, string? notConfiguredCode, Func<XElement, T?> parse,
        CancellationToken cancellationToken, string? key = null) where T : class =>
        GetAsync(operation, bucket, subResource, notConfiguredCode, answer => parse(answer.Document()), cancellationToken, key);

    /// <summary>Keys spread across the bucket's prefixes, for object ACLs and the anonymous probe; a refused listing is a failed read.</summary>
    public Task<Observed<S3KeySampler.KeySample>> SampleKeysAsync(Bucket bucket, int size, CancellationToken cancellationToken) =>
        new S3KeySampler(query => GetAsync("ListObjectsV2 (key sample)", bucket, query, notConfiguredCode: null, S3SettingsXml.ListBucketResult,
            cancellationToken)).SampleAsync(size);

    /// <summary>
    /// One setting by REST: its value, "not configured" for the error code that means so, or the failed read with its fault
    /// (refused, no answer, or an answer that does not parse).
    /// </summary>
    /// <exception cref="FaultException">The bucket does not exist (any more): not one unreadable setting, the bucket is not audited.</exception>
    private async Task<Observed<T>> GetAsync<T>(string operation, Bucket bucket, string subResource, string? notConfiguredCode,
        Func<S3Rest.Answer, T?> parse, CancellationToken cancellationToken, string? key = null) where T : class
    {
        try
        {
            var answer = await rest.GetAsync(bucket, region, key, subResource, cancellationToken);
            if (answer.Succeeded) return Observed<T>.Of(parse(answer));
            if (notConfiguredCode is not null && answer.ErrorCode == notConfiguredCode) return Observed<T>.Of(null);
            var fault = HttpFaults.Of((int)answer.Status, answer.ErrorCode, operation);
            return answer.ErrorCode == "NoSuchBucket" ? throw new FaultException(fault) : Observed<T>.Failed(fault);
        }
        catch (FaultException e) when (e.Fault.Kind == FaultKind.NotFound)
        {
            throw;
        }
        catch (FormatException e)
        {
            // Our own parser's message (the policy document's line, the element that is not a number), never its content.
            return Observed<T>.Failed(new Fault(FaultKind.Malformed, $"{operation}: {e.Message}"));
        }
        catch (XmlException)
        {
            return Observed<T>.Failed(new Fault(FaultKind.Malformed, $"{operation}: the answer is not the expected XML"));
        }
#pragma warning disable CA1031 // A setting that could not be read (no answer, timed out) stays unknown; the bucket is still audited.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance);
            return Observed<T>.Failed(fault with { Reason = $"{operation}: {fault.Reason}" });
        }
    }
}
