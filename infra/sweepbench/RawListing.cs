using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;

namespace CloudAuditor.SweepBench;

/// <summary>
/// The reference: what a user would write with the SDKs to list the estate, every container and every blob, every bucket and
/// every object, with as many requests in flight as the sweep's defaults allow it (<see cref="SweepSettings.Concurrency"/>
/// accounts at once, <see cref="SweepSettings.ContainerConcurrency"/> containers or buckets each), so neither side wins by waiting less.
/// </summary>
internal static class RawListing
{
    public static async Task<long> ListAsync(IEnumerable<BlobServiceClient> accounts, IAmazonS3 s3)
    {
        long listed = 0;
        var defaults = new SweepSettings();
        var targets = new ParallelOptions { MaxDegreeOfParallelism = defaults.Concurrency };
        var containers = new ParallelOptions { MaxDegreeOfParallelism = defaults.ContainerConcurrency };
        await Parallel.ForEachAsync(accounts, targets, async (account, token) =>
        {
            var names = new List<string>();
            await foreach (var container in account.GetBlobContainersAsync(cancellationToken: token)) names.Add(container.Name);
            await Parallel.ForEachAsync(names, containers, async (name, inner) =>
            {
                await foreach (var _ in account.GetBlobContainerClient(name).GetBlobsAsync(cancellationToken: inner)) Interlocked.Increment(ref listed);
            });
        });
        var buckets = (await s3.ListBucketsAsync()).Buckets ?? [];
        await Parallel.ForEachAsync(buckets, containers, async (bucket, token) =>
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
