using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;

namespace CloudAuditor.SweepBench;

/// <summary>
/// The reference: what a user would write with the SDKs to list the estate, with the sweep's parallelism (4 accounts
/// at once, 4 containers or buckets each): every container and every blob, every bucket and every object.
/// </summary>
internal static class RawListing
{
    public static async Task<long> ListAsync(IEnumerable<BlobServiceClient> accounts, IAmazonS3 s3)
    {
        long listed = 0;
        var four = new ParallelOptions { MaxDegreeOfParallelism = 4 };
        await Parallel.ForEachAsync(accounts, four, async (account, token) =>
        {
            var containers = new List<string>();
            await foreach (var container in account.GetBlobContainersAsync(cancellationToken: token)) containers.Add(container.Name);
            await Parallel.ForEachAsync(containers, four, async (name, inner) =>
            {
                await foreach (var _ in account.GetBlobContainerClient(name).GetBlobsAsync(cancellationToken: inner)) Interlocked.Increment(ref listed);
            });
        });
        var buckets = (await s3.ListBucketsAsync()).Buckets ?? [];
        await Parallel.ForEachAsync(buckets, four, async (bucket, token) =>
        {
            string? next = null;
            do
            {
                var page = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket.BucketName, ContinuationToken = next }, token);
                Interlocked.Add(ref listed, page.S3Objects?.Count ?? 0);
                next = page.IsTruncated == true ? page.NextContinuationToken : null;
            }
            while (next is not null);
        });
        return listed;
    }
}
