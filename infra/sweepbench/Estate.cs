using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;

namespace CloudAuditor.SweepBench;

/// <summary>
/// The estate the bench sweeps, seeded directly into the emulators (not through the proxy): accounts of containers of
/// small blobs, one date-keyed container whose newest day (written last) holds a card number, and S3 buckets.
/// </summary>
internal sealed record Estate(int Accounts, int Containers, int Blobs, int BigBlobs, int Buckets)
{
    public const string NewestKey = "2026/11/28/export.csv";

    public static string AccountName(int i) => $"acct{i}";

    public static string Bucket(int i) => $"bench-{i:0000}";

    public async Task SeedAsync(Func<string, BlobServiceClient> account, IAmazonS3 s3)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = 32 };
        await Parallel.ForEachAsync(Enumerable.Range(0, Accounts * Containers), options, async (i, token) =>
        {
            var container = account(AccountName(i / Containers)).GetBlobContainerClient($"c{i % Containers:0000}");
            await container.CreateIfNotExistsAsync(cancellationToken: token);
            for (var b = 0; b < Blobs; b++)
                await container.GetBlobClient($"data/part-{b:000}.log").UploadAsync(BinaryData.FromString($"line {b} of container {i}\n"), true, token);
        });
        var big = account(AccountName(0)).GetBlobContainerClient("big-dated");
        await big.CreateIfNotExistsAsync();
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var perDay = Math.Max(1, BigBlobs / 1000);
        await Parallel.ForEachAsync(Enumerable.Range(0, BigBlobs), options, async (i, token) =>
            await big.GetBlobClient($"{start.AddDays(i / perDay):yyyy/MM/dd}/event-{i % perDay:0000}.json")
                .UploadAsync(BinaryData.FromString("{\"ok\":true}"), true, token));
        await big.GetBlobClient(NewestKey).UploadAsync(BinaryData.FromString("name,card\nAda,4111 1111 1111 1111\n"), overwrite: true);
        await Parallel.ForEachAsync(Enumerable.Range(0, Buckets), options, async (i, token) =>
        {
            try
            {
                await s3.PutBucketAsync(Bucket(i), token);
            }
            catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou" or "BucketAlreadyExists")
            {
                // Seeded by an earlier run against the same emulators: comparing two builds runs the bench twice.
            }
            for (var b = 0; b < Blobs; b++)
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = Bucket(i), Key = $"data/part-{b:000}.log", ContentBody = $"line {b}\n",
                    UseChunkEncoding = false }, token);
        });
    }
}
