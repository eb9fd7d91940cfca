using CloudAuditor.Core.Engine;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// Which candidates to read: half the sample is the newest objects (new uploads are where new leaks are), the other half
/// is spread over folders and file types, one from each in turn and folders not yet represented first (a container of a
/// million logs and ten exports should not be sampled as a million logs).
/// </summary>
public static class SampleSelection
{
    /// <summary>Media and executables hold no extractable text; reading them would spend the budget on nothing.</summary>
    private static readonly HashSet<string> Unscannable = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".ico", ".mp3", ".mp4", ".mov", ".avi", ".mkv", ".wav", ".flac",
        ".exe", ".dll", ".so", ".dylib", ".iso", ".img", ".vhd", ".vhdx", ".woff", ".woff2", ".ttf", ".otf", ".class", ".jar",
    };

    public static bool IsScannable(StoredObject o) => o.Size > 0 && !Unscannable.Contains(Path.GetExtension(o.Key));

    public static IReadOnlyList<StoredObject> Choose(IEnumerable<StoredObject> candidates, int count)
    {
        var byRecency = candidates.Where(IsScannable).DistinctBy(o => o.Key)
            .OrderByDescending(o => o.LastModified ?? DateTimeOffset.MinValue).ThenBy(o => o.Key, StringComparer.Ordinal).ToList();
        var chosen = byRecency.Take((count + 1) / 2).ToList();
        var represented = chosen.Select(Stratum).ToHashSet(StringComparer.Ordinal);
        var strata = byRecency.Skip(chosen.Count).GroupBy(Stratum, StringComparer.Ordinal)
            .OrderBy(g => represented.Contains(g.Key))
            .Select(g => new Queue<StoredObject>(g))
            .ToList();
        while (chosen.Count < count && strata.Count > 0)
        {
            foreach (var stratum in strata.ToList())
            {
                if (chosen.Count == count) break;
                chosen.Add(stratum.Dequeue());
                if (stratum.Count == 0) strata.Remove(stratum);
            }
        }
        return chosen;
    }

    /// <summary>
    /// An incremental sample: objects modified after <paramref name="since"/> (or of unknown age) chosen as above, plus
    /// <paramref name="recheckShare"/> of the sample drawn at random from the unchanged ones; never more unchanged ones to
    /// fill the sample, so unchanged data costs only the re-checks.
    /// </summary>
    public static (IReadOnlyList<StoredObject> Changed, IReadOnlyList<StoredObject> Rechecks, int Unchanged) ChooseChanged(
        IEnumerable<StoredObject> candidates, int count, DateTimeOffset since, double recheckShare)
    {
        var scannable = candidates.Where(IsScannable).DistinctBy(o => o.Key).ToList();
        var unchanged = scannable.Where(o => o.LastModified is { } modified && modified <= since).ToList();
        var recheck = Math.Min(unchanged.Count, (int)Math.Ceiling(count * recheckShare));
        var changed = Choose(scannable.Where(o => o.LastModified is not { } modified || modified > since), count - recheck);
#pragma warning disable CA5394 // Choosing which unchanged objects to re-check needs no cryptographic randomness.
        var rechecks = unchanged.OrderBy(_ => Random.Shared.Next()).Take(recheck).ToList();
#pragma warning restore CA5394
        return (changed, rechecks, unchanged.Count - rechecks.Count);
    }

    /// <summary>The folder an object is in and its type.</summary>
    private static string Stratum(StoredObject o)
    {
        var slash = o.Key.LastIndexOf('/');
        return $"{(slash < 0 ? "" : o.Key[..slash])}|{Path.GetExtension(o.Key).ToLowerInvariant()}";
    }
}
