using CloudAuditor.Core.Engine;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// Which objects of a container to read: spread across top-level prefixes and file types (a container of a
/// million logs and ten exports should not be sampled as a million logs), newest first within each group.
/// </summary>
public static class SampleSelection
{
    /// <summary>Media and executables hold no extractable text; reading them would spend the budget on nothing.</summary>
    private static readonly HashSet<string> Unscannable = new(StringComparer.OrdinalIgnoreCase)
    {
        ".png", ".jpg", ".jpeg", ".gif", ".bmp", ".webp", ".ico", ".mp3", ".mp4", ".mov", ".avi", ".mkv", ".wav", ".flac",
        ".exe", ".dll", ".so", ".dylib", ".iso", ".img", ".vhd", ".vhdx", ".woff", ".woff2", ".ttf", ".otf", ".class", ".jar",
    };

    public static IReadOnlyList<StoredObject> Choose(IEnumerable<StoredObject> listed, int count)
    {
        var strata = listed
            .Where(o => o.Size > 0 && !Unscannable.Contains(Path.GetExtension(o.Key)))
            .GroupBy(Stratum)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new Queue<StoredObject>(g.OrderByDescending(o => o.LastModified ?? DateTimeOffset.MinValue).ThenBy(o => o.Key,
                StringComparer.Ordinal)))
            .ToList();
        var chosen = new List<StoredObject>(count);
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

    private static string Stratum(StoredObject o)
    {
        var slash = o.Key.IndexOf('/', StringComparison.Ordinal);
        return $"{(slash < 0 ? "" : o.Key[..slash])}|{Path.GetExtension(o.Key).ToLowerInvariant()}";
    }
}
