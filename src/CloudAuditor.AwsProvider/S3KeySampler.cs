using Amazon.S3;
using Amazon.S3.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// A bounded set of a bucket's keys spread across its top-level prefixes: one delimited listing finds the prefixes, then a
/// few chosen at random are listed one page each, so a sample is not just the first keys in name order. Costs at most
/// 1 + <see cref="PrefixesListed"/> list requests.
/// </summary>
internal sealed class S3KeySampler(IAmazonS3 s3)
{
    public const int PrefixesListed = 4;

    public sealed record KeySample(IReadOnlyList<string> Keys, int Prefixes);

    /// <exception cref="AmazonS3Exception">The bucket could not be listed.</exception>
    public async Task<KeySample> SampleAsync(string bucket, int size, CancellationToken cancellationToken)
    {
        var top = await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Delimiter = "/", MaxKeys = 1000 }, cancellationToken);
        var groups = new List<IReadOnlyList<string>> { Shuffled((top.S3Objects ?? []).Select(o => o.Key)) };
        var prefixes = Shuffled(top.CommonPrefixes ?? []).Take(PrefixesListed).ToList();
        // The prefixes' pages are independent: listed together.
        var pages = await Task.WhenAll(prefixes.Select(prefix =>
            s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, Prefix = prefix, MaxKeys = 1000 }, cancellationToken)));
        groups.AddRange(pages.Select(page => Shuffled((page.S3Objects ?? []).Select(o => o.Key))));
        return new KeySample(RoundRobin(groups, size), prefixes.Count);
    }

    /// <summary>One key from each group in turn, so every prefix is represented before any gets a second.</summary>
    private static List<string> RoundRobin(List<IReadOnlyList<string>> groups, int size)
    {
        var keys = new List<string>(size);
        for (var round = 0; keys.Count < size && groups.Any(g => g.Count > round); round++)
            keys.AddRange(groups.Where(g => g.Count > round).Select(g => g[round]).Take(size - keys.Count));
        return keys;
    }

#pragma warning disable CA5394 // Spreading a sample over a keyspace needs no cryptographic randomness.
    private static List<string> Shuffled(IEnumerable<string> items)
    {
        var list = items.ToList();
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list));
        return list;
    }
#pragma warning restore CA5394
}
