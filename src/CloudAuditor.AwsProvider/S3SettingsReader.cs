using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using Bucket = string;
using WebsiteConfiguration = CloudAuditor.Core.Model.WebsiteConfiguration;
using ObjectOwnership = CloudAuditor.Core.Model.ObjectOwnership;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Reads each bucket setting on its own, mapping the "not configured" error codes to null and anything else
/// (AccessDenied, NotImplemented on S3-compatible servers) to an unreadable setting with its reason.
/// </summary>
internal sealed class S3SettingsReader(IAmazonS3 s3) : IRequiresPermissions
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

    private const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public Task<Observed<AclList>> AclAsync(Bucket bucket, CancellationToken cancellationToken) => ReadAsync("GetBucketAcl", async () =>
    {
        var response = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }, cancellationToken);
        var grants = (response.Grants ?? []).Select(ToGrant).ToList();
        return new AclList(grants);
    }, notConfiguredCode: null, cancellationToken);

    public Task<Observed<BucketPolicy>> PolicyAsync(Bucket bucket, CancellationToken cancellationToken) => ReadAsync("GetBucketPolicy", async () =>
    {
        var response = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, cancellationToken);
        return NotFound(response) || string.IsNullOrWhiteSpace(response.Policy) ? null : BucketPolicy.Parse(response.Policy);
    }, "NoSuchBucketPolicy", cancellationToken);

    public Task<Observed<PublicAccessBlock>> PublicAccessBlockAsync(Bucket bucket, CancellationToken cancellationToken)
        => ReadAsync("GetPublicAccessBlock", async () =>
    {
        var response = await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, cancellationToken);
        var c = response.PublicAccessBlockConfiguration;
        return NotFound(response) || c is null ? null : new PublicAccessBlock(c.BlockPublicAcls ?? false, c.IgnorePublicAcls ?? false, c.BlockPublicPolicy
            ?? false, c.RestrictPublicBuckets ?? false);
    }, "NoSuchPublicAccessBlockConfiguration", cancellationToken);

    /// <summary>Object Ownership; no controls at all means ObjectWriter (ACLs in force), as for buckets made before April 2023.</summary>
    public Task<Observed<ObjectOwnership>> OwnershipAsync(Bucket bucket, CancellationToken cancellationToken) => ReadAsync("GetBucketOwnershipControls",
        async () =>
    {
        var response = await s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = bucket }, cancellationToken);
        return NotFound(response) || response.OwnershipControls?.Rules is not { Count: > 0 } rules ? null
            : new ObjectOwnership(rules[0].ObjectOwnership?.Value ?? "ObjectWriter");
    }, "OwnershipControlsNotFoundError", cancellationToken);

    public Task<Observed<WebsiteConfiguration>> WebsiteAsync(Bucket bucket, CancellationToken cancellationToken) => ReadAsync("GetBucketWebsite", async () =>
    {
        var response = await s3.GetBucketWebsiteAsync(new GetBucketWebsiteRequest { BucketName = bucket }, cancellationToken);
        var site = response.WebsiteConfiguration;
        return NotFound(response) || site is null ? null : new WebsiteConfiguration(site.IndexDocumentSuffix, site.RedirectAllRequestsTo?.HostName);
    }, "NoSuchWebsiteConfiguration", cancellationToken);

    public async Task<Observed<TagSet>> TagsAsync(Bucket bucket, CancellationToken cancellationToken) => await ReadAsync("GetBucketTagging", async () =>
    {
        var response = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, cancellationToken);
        return new TagSet((response.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase));
    }, "NoSuchTagSet", cancellationToken);

    /// <summary>Versioning, object lock, lifecycle expiry and replication; unreadable ones are named, the rest still count.</summary>
    public async Task<RetentionPosture> RetentionAsync(Bucket bucket, CancellationToken cancellationToken)
    {
        // Four independent reads, sent together.
        var versioningRead = ReadAsync("GetBucketVersioning", async () =>
            (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket },
                cancellationToken)).VersioningConfig, notConfiguredCode: null, cancellationToken);
        var objectLockRead = ReadAsync("GetObjectLockConfiguration", async () =>
        {
            var response = await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, cancellationToken);
            return NotFound(response) ? null : response.ObjectLockConfiguration;
        }, "ObjectLockConfigurationNotFoundError", cancellationToken);
        var lifecycleRead = ReadAsync("GetLifecycleConfiguration", async () =>
        {
            var response = await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket }, cancellationToken);
            return NotFound(response) ? null : response.Configuration;
        }, "NoSuchLifecycleConfiguration", cancellationToken);
        var replicationRead = ReadAsync("GetBucketReplication", async () =>
        {
            var response = await s3.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = bucket }, cancellationToken);
            return NotFound(response) ? null : response.Configuration;
        }, "ReplicationConfigurationNotFoundError", cancellationToken);
        var (versioning, objectLock, lifecycle, replication) = (await versioningRead, await objectLockRead, await lifecycleRead, await replicationRead);

        return new RetentionPosture
        {
            SoftDelete = Observed<SoftDeleteSettings>.Of(null),
            Versioning = versioning.Map(v => new VersioningSettings(v?.Status?.Value == "Enabled", v?.EnableMfaDelete == true)),
            Immutability = objectLock.Map(ObjectLock),
            Lifecycle = lifecycle.Map(l => new LifecycleRules((l?.Rules ?? []).Where(r => r.Status?.Value == "Enabled").Select(Rule).ToList())),
            Replication = replication.Map(r => new ReplicationSettings(r?.Rules is { Count: > 0 })),
            ChangeFeed = Observed<ChangeFeedSettings>.Of(null),
        };
    }

    /// <summary>Default retention of an object-lock bucket; S3 has no legal hold at bucket level (it is per object).</summary>
    private static ImmutabilitySettings ObjectLock(ObjectLockConfiguration? configuration)
    {
        var retention = configuration?.Rule?.DefaultRetention;
        var enabled = configuration?.ObjectLockEnabled?.Value == "Enabled";
        int? days = enabled && retention is not null ? (retention.Days ?? 0) + (retention.Years ?? 0) * 365 : null;
        return new ImmutabilitySettings(days, retention?.Mode?.Value == "COMPLIANCE", LegalHold: false);
    }

    /// <summary>
    /// A rule with its filter: prefix, tags and size window, from the filter's fields or its And, from the predicate form the SDK's
    /// unmarshaller fills (LifecycleFilterPredicate), or from the legacy rule prefix. A field missing from all of them is unset.
    /// </summary>
    internal static Core.Model.LifecycleRule Rule(Amazon.S3.Model.LifecycleRule rule)
    {
        var filter = rule.Filter;
        var and = filter?.And;
        var predicates = Flatten(filter?.LifecycleFilterPredicate).ToList();
#pragma warning disable CS0618 // Rules written before filters existed still carry their prefix on the rule itself; the SDK marks the predicate form obsolete.
        var prefix = and?.Prefix ?? filter?.Prefix ?? predicates.OfType<LifecyclePrefixPredicate>().FirstOrDefault()?.Prefix ?? rule.Prefix;
        var tags = (and?.Tags ?? (filter?.Tag is { } tag ? [tag] : predicates.OfType<LifecycleTagPredicate>().Select(t => t.Tag).ToList()))
            .ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        var larger = and?.ObjectSizeGreaterThan ?? filter?.ObjectSizeGreaterThan
            ?? predicates.OfType<LifecycleObjectSizeGreaterThanPredicate>().FirstOrDefault()?.ObjectSizeGreaterThan;
        var smaller = and?.ObjectSizeLessThan ?? filter?.ObjectSizeLessThan
            ?? predicates.OfType<LifecycleObjectSizeLessThanPredicate>().FirstOrDefault()?.ObjectSizeLessThan;
#pragma warning restore CS0618
        var scope = new LifecycleScope(string.IsNullOrEmpty(prefix) ? [] : [prefix], tags, larger, smaller, []);
        return new Core.Model.LifecycleRule(rule.Id ?? "", scope, rule.Expiration?.Days is > 0 ? rule.Expiration.Days : null,
            rule.NoncurrentVersionExpiration?.NoncurrentDays);
    }

#pragma warning disable CS0618 // The predicate form is what the SDK fills when it reads a configuration.
    private static IEnumerable<LifecycleFilterPredicate> Flatten(LifecycleFilterPredicate? predicate) => predicate switch
    {
        null => [],
        LifecycleNAryOperator and => (and.Operands ?? []).SelectMany(Flatten),
        _ => [predicate],
    };
#pragma warning restore CS0618

    /// <summary>Keys spread across the bucket's prefixes, for object ACLs and the anonymous probe; a refused listing is a failed read.</summary>
    public Task<Observed<S3KeySampler.KeySample>> SampleKeysAsync(Bucket bucket, int size, CancellationToken cancellationToken) =>
        ReadAsync("ListObjectsV2 (key sample)", () => new S3KeySampler(s3).SampleAsync(bucket, size, cancellationToken)!, notConfiguredCode: null,
            cancellationToken);

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
            acls.AddRange(await Task.WhenAll(batch.Select(key => ReadAsync("GetObjectAcl", async () =>
                new AclList(((await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key }, cancellationToken)).Grants ?? [])
                    .Select(ToGrant).ToList()), notConfiguredCode: null, cancellationToken))));
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

    /// <summary>AWSSDK v4 answers some "not configured" 404s with a response rather than an exception.</summary>
    private static bool NotFound(Amazon.Runtime.AmazonWebServiceResponse response) => response.HttpStatusCode == HttpStatusCode.NotFound;

    internal static AclGrant ToGrant(S3Grant grant)
    {
        var uri = grant.Grantee?.URI;
        var group = uri switch
        {
            AllUsersUri => AclGranteeGroup.AllUsers,
            AuthenticatedUsersUri => AclGranteeGroup.AuthenticatedUsers,
            LogDeliveryUri => AclGranteeGroup.LogDelivery,
            _ => AclGranteeGroup.Other,
        };
        var grantee = uri ?? grant.Grantee?.CanonicalUser ?? grant.Grantee?.EmailAddress ?? "unknown";
        return new AclGrant(group, grantee, grant.Permission?.Value ?? "UNKNOWN");
    }

    /// <summary>One setting: its value, "not configured" for the error code that means so, or the failed read with its fault.</summary>
    private static async Task<Observed<T>> ReadAsync<T>(string operation, Func<Task<T?>> read, string? notConfiguredCode, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return Observed<T>.Of(await read());
        }
        catch (AmazonS3Exception e) when (notConfiguredCode is not null && e.ErrorCode == notConfiguredCode)
        {
            return Observed<T>.Of(null);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            // Not a setting that could not be read: the bucket is gone, so the whole bucket is not audited (ResourceFanOut says why).
            throw;
        }
        catch (AmazonServiceException e)
        {
            return Observed<T>.Failed(AwsFaults.Of(operation, e));
        }
        catch (FormatException e)
        {
            // Our own parser's message (the policy document's line), never its content.
            return Observed<T>.Failed(new Fault(FaultKind.Malformed, $"{operation}: {e.Message}"));
        }
#pragma warning disable CA1031 // A setting that could not be read (no answer, timed out, unparsable) stays unknown; the bucket is still audited.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance);
            return Observed<T>.Failed(fault with { Reason = $"{operation}: {fault.Reason}" });
        }
    }
}
