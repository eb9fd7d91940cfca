using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Config;

namespace CloudAuditor.SweepBench;

/// <summary>
/// The second reference, for buckets: what a user would write with AWSSDK.S3 to read what the sweep reads of each bucket
/// (its ACL, policy, public access block, ownership controls, website, tagging, versioning, object lock, lifecycle and
/// replication, a listing, and the ACLs of up to <see cref="SweepSettings.ObjectAclSample"/> listed objects), with the
/// sweep's default parallelism. A setting that is not there (or not implemented by the emulator) answers an error, which the
/// loop catches as a user's script would. The same requests as the sweep's authenticated ones: what is left between the two
/// is how each spends them.
/// </summary>
internal static class RawBucketReads
{
    public static async Task<int> ReadAsync(IAmazonS3 s3)
    {
        var defaults = new SweepSettings();
        var refused = 0;
        async Task Read(Func<Task> call)
        {
            try
            {
                await call();
            }
            catch (AmazonS3Exception)
            {
                Interlocked.Increment(ref refused);
            }
        }
        var buckets = (await s3.ListBucketsAsync()).Buckets ?? [];
        await Parallel.ForEachAsync(buckets, new ParallelOptions { MaxDegreeOfParallelism = defaults.ContainerConcurrency }, async (bucket, token) =>
        {
            var name = bucket.BucketName;
            var listing = s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = name, MaxKeys = 1000 }, token);
            await Task.WhenAll(
                Read(() => s3.GetBucketAclAsync(new GetBucketAclRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketPolicyAsync(new GetBucketPolicyRequest { BucketName = name }, token)),
                Read(() => s3.GetPublicAccessBlockAsync(new GetPublicAccessBlockRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketOwnershipControlsAsync(new GetBucketOwnershipControlsRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketWebsiteAsync(new GetBucketWebsiteRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketTaggingAsync(new GetBucketTaggingRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketVersioningAsync(new GetBucketVersioningRequest { BucketName = name }, token)),
                Read(() => s3.GetObjectLockConfigurationAsync(new GetObjectLockConfigurationRequest { BucketName = name }, token)),
                Read(() => s3.GetLifecycleConfigurationAsync(new GetLifecycleConfigurationRequest { BucketName = name }, token)),
                Read(() => s3.GetBucketReplicationAsync(new GetBucketReplicationRequest { BucketName = name }, token)),
                listing);
            var keys = ((await listing).S3Objects ?? []).Take(defaults.ObjectAclSample);
            await Task.WhenAll(keys.Select(o => Read(() => s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = name, Key = o.Key }, token))));
        });
        return refused;
    }
}
