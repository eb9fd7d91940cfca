using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Model;
using WebsiteConfiguration = CloudAuditor.Core.Model.WebsiteConfiguration;
using Bucket = string;

namespace CloudAuditor.Aws;

/// <summary>
/// Reads each bucket setting on its own, mapping the "not configured" error codes to null and anything else
/// (AccessDenied, NotImplemented on S3-compatible servers) to an unreadable setting with its reason.
/// </summary>
internal sealed class S3SettingsReader(IAmazonS3 s3)
{
    private const string AllUsersUri = "http://acs.amazonaws.com/groups/global/AllUsers";
    private const string AuthenticatedUsersUri = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    private const string LogDeliveryUri = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public Task<Observed<AclList>> AclAsync(Bucket bucket, CancellationToken ct) => ReadAsync("GetBucketAcl", async () =>
    {
        var response = await s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }, ct);
        var grants = (response.Grants ?? []).Select(ToGrant).ToList();
        return new AclList(grants);
    }, notConfiguredCode: null);

    public Task<Observed<BucketPolicy>> PolicyAsync(Bucket bucket, CancellationToken ct) => ReadAsync("GetBucketPolicy", async () =>
    {
        var response = await s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = bucket }, ct);
        return NotFound(response) || string.IsNullOrWhiteSpace(response.Policy) ? null : BucketPolicy.Parse(response.Policy);
    }, "NoSuchBucketPolicy");

    public Task<Observed<PublicAccessBlock>> PublicAccessBlockAsync(Bucket bucket, CancellationToken ct) => ReadAsync("GetPublicAccessBlock", async () =>
    {
        var response = await s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = bucket }, ct);
        var c = response.PublicAccessBlockConfiguration;
        return NotFound(response) || c is null ? null : new PublicAccessBlock(c.BlockPublicAcls ?? false, c.IgnorePublicAcls ?? false, c.BlockPublicPolicy ?? false, c.RestrictPublicBuckets ?? false);
    }, "NoSuchPublicAccessBlockConfiguration");

    public Task<Observed<WebsiteConfiguration>> WebsiteAsync(Bucket bucket, CancellationToken ct) => ReadAsync("GetBucketWebsite", async () =>
    {
        var response = await s3.GetBucketWebsiteAsync(new GetBucketWebsiteRequest { BucketName = bucket }, ct);
        var site = response.WebsiteConfiguration;
        return NotFound(response) || site is null ? null : new WebsiteConfiguration(site.IndexDocumentSuffix, site.RedirectAllRequestsTo?.HostName);
    }, "NoSuchWebsiteConfiguration");

    public async Task<Observed<TagSet>> TagsAsync(Bucket bucket, CancellationToken ct) => await ReadAsync("GetBucketTagging", async () =>
    {
        var response = await s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = bucket }, ct);
        return new TagSet((response.TagSet ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.OrdinalIgnoreCase));
    }, "NoSuchTagSet");

    /// <summary>Versioning, object lock, lifecycle expiry and replication; unreadable ones are named, the rest still count.</summary>
    public async Task<RetentionPosture> RetentionAsync(Bucket bucket, CancellationToken ct)
    {
        var versioning = await ReadAsync("GetBucketVersioning", async () =>
            (await s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = bucket }, ct)).VersioningConfig, notConfiguredCode: null);
        var objectLock = await ReadAsync("GetObjectLockConfiguration", async () =>
        {
            var response = await s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = bucket }, ct);
            return NotFound(response) ? null : response.ObjectLockConfiguration;
        }, "ObjectLockConfigurationNotFoundError");
        var lifecycle = await ReadAsync("GetLifecycleConfiguration", async () =>
        {
            var response = await s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = bucket }, ct);
            return NotFound(response) ? null : response.Configuration;
        }, "NoSuchLifecycleConfiguration");
        var replication = await ReadAsync("GetBucketReplication", async () =>
        {
            var response = await s3.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = bucket }, ct);
            return NotFound(response) ? null : response.Configuration;
        }, "ReplicationConfigurationNotFoundError");

        var retention = objectLock.Value?.Rule?.DefaultRetention;
        var lockDays = retention is null ? (int?)null : (retention.Days ?? 0) + (retention.Years ?? 0) * 365;
        var expiries = (lifecycle.Value?.Rules ?? []).Where(r => r.Status?.Value == "Enabled" && r.Expiration?.Days is > 0).Select(r => r.Expiration!.Days!.Value).ToList();
        return new RetentionPosture
        {
            Versioning = versioning.Value?.Status?.Value == "Enabled",
            MfaDelete = versioning.Value?.EnableMfaDelete == true,
            ImmutableDays = objectLock.Value?.ObjectLockEnabled?.Value == "Enabled" ? lockDays : null,
            ImmutableLocked = retention?.Mode?.Value == "COMPLIANCE",
            LifecycleExpiryDays = expiries.Count > 0 ? expiries.Min() : null,
            Replication = replication.Value?.Rules is { Count: > 0 },
            Unread = new[] { versioning.Unreadable, objectLock.Unreadable, lifecycle.Unreadable, replication.Unreadable }.OfType<string>().ToList(),
        };
    }

    /// <summary>A key for the anonymous read probe; without list permission the probe just lists.</summary>
    public async Task<string?> FirstKeyAsync(Bucket bucket, CancellationToken ct)
    {
        try
        {
            var response = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 }, ct);
            return response.S3Objects is { Count: > 0 } objects ? objects[0].Key : null;
        }
        catch (AmazonServiceException e) when (e.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotImplemented)
        {
            return null;
        }
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

    private static async Task<Observed<T>> ReadAsync<T>(string operation, Func<Task<T?>> read, string? notConfiguredCode) where T : class
    {
        try
        {
            return Observed<T>.Of(await read());
        }
        catch (AmazonS3Exception e) when (notConfiguredCode is not null && e.ErrorCode == notConfiguredCode)
        {
            return Observed<T>.Of(null);
        }
        catch (AmazonServiceException e) when (e.StatusCode != 0 && e.StatusCode < HttpStatusCode.InternalServerError || e.ErrorCode == "NotImplemented")
        {
            return Observed<T>.Failed($"{operation}: {(int)e.StatusCode} {e.ErrorCode}");
        }
        catch (FormatException e)
        {
            return Observed<T>.Failed($"{operation}: {e.Message}");
        }
    }
}

internal sealed record TagSet(IReadOnlyDictionary<string, string> Tags);
