using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>A bucket's objects for sampling: ListObjectsV2 pages and ranged GetObject.</summary>
internal sealed class S3ObjectStore(IAmazonS3 s3, string bucket) : IObjectStore, IRequiresPermissions
{
    /// <summary>ListObjectsV2 and ranged GetObject (HeadObject is authorised by s3:GetObject).</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:ListBucket"),
        Permission.Reads("s3:GetObject"),
    ];

    public ContentChecks Checks => ContentChecks.AwsS3;

    public async Task<ListingPage> ListLevelAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            var page = await s3.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = bucket,
                Prefix = prefix.Length == 0 ? null : prefix,
                Delimiter = "/",
                ContinuationToken = continuation,
                MaxKeys = Math.Min(1000, pageSize),
            }, cancellationToken);
            var objects = (page.S3Objects ?? [])
                .Select(o => new StoredObject(o.Key, o.Size ?? 0, o.LastModified is { } modified ? new DateTimeOffset(modified) : null)).ToList();
            return new ListingPage(objects, page.CommonPrefixes ?? [], page.IsTruncated == true ? page.NextContinuationToken : null);
        }
#pragma warning disable CA1031 // Any failure of the listing becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance), e);
        }
    }

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var metadata = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, cancellationToken);
            return new StoredObject(key, metadata.ContentLength, metadata.LastModified is { } modified ? new DateTimeOffset(modified) : null);
        }
        catch (AmazonServiceException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
#pragma warning disable CA1031 // Any failure of the read becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance), e);
        }
    }

    public async Task<Stream> OpenRangeAsync(string key, long length, CancellationToken cancellationToken)
    {
        try
        {
            var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(0, length - 1) },
                cancellationToken);
            return response.ResponseStream;
        }
#pragma warning disable CA1031 // Any failure of the read becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AwsFaults.Instance), e);
        }
    }
}
