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

    /// <summary>The folder an object is in and its type.</summary>
    private static string Stratum(StoredObject o)
    {
        var slash = o.Key.LastIndexOf('/');
        return $"{(slash < 0 ? "" : o.Key[..slash])}|{Path.GetExtension(o.Key).ToLowerInvariant()}";
    }
}
