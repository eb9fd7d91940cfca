using CloudAuditor.Core.Model;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// A bounded set of a bucket's keys spread across its top-level prefixes: one delimited listing finds the prefixes, then a
/// few chosen at random are listed one page each, so a sample is not just the first keys in name order. Costs at most
/// 1 + <see cref="PrefixesListed"/> list requests.
/// </summary>
/// <param name="list">One ListObjectsV2 page for the query given (its parameters after list-type=2).</param>
internal sealed class S3KeySampler(Func<string, Task<Observed<S3SettingsXml.Listing>>> list)
{
    public const int PrefixesListed = 4;

    /// <summary>Keys come back URL-encoded, so a key no XML can carry (a control character) is listed too.</summary>
    private const string Page = "list-type=2&encoding-type=url&max-keys=1000";

    public sealed record KeySample(IReadOnlyList<string> Keys, int Prefixes);

    /// <returns>The sample, or the failed read of the first listing that was refused.</returns>
    public async Task<Observed<KeySample>> SampleAsync(int size)
    {
        var top = await list($"{Page}&delimiter=%2F");
        if (top.Value is not { } level) return top.Map<KeySample>(_ => null);
        var groups = new List<IReadOnlyList<string>> { Shuffled(level.Keys) };
        var prefixes = Shuffled(level.Prefixes).Take(PrefixesListed).ToList();
        // The prefixes' pages are independent: listed together.
        var pages = await Task.WhenAll(prefixes.Select(prefix => list($"{Page}&prefix={Uri.EscapeDataString(prefix)}")));
        if (pages.FirstOrDefault(p => !p.IsKnown) is { } refused) return refused.Map<KeySample>(_ => null);
        groups.AddRange(pages.Select(page => Shuffled(page.Value!.Keys)));
        return Observed<KeySample>.Of(new KeySample(RoundRobin(groups, size), prefixes.Count));
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
