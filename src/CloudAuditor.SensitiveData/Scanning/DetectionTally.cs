using CloudAuditor.Core.Model;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Counts per entity type and keeps a few distinct masked examples. Only masked text ever enters it,
/// so nothing downstream (findings, logs, mail) can hold a raw value.
/// </summary>
public sealed class DetectionTally
{
    public const int MaxExamples = 3;

    private readonly Dictionary<string, (int Count, List<string> Masked)> _byType = new(StringComparer.Ordinal);

    public bool IsEmpty => _byType.Count == 0;

    public int Total => _byType.Values.Sum(v => v.Count);

    /// <summary>
    /// Counts one value of <paramref name="type"/>, masking it only while the type still wants examples: on PII-dense
    /// text nearly every value is past the third, and masking allocates.
    /// </summary>
    public void Add(string type, ReadOnlySpan<char> value, Masking mask)
    {
        if (!_byType.TryGetValue(type, out var entry)) entry = (0, []);
        if (entry.Masked.Count < MaxExamples)
        {
            var masked = mask(value);
            if (!entry.Masked.Contains(masked)) entry.Masked.Add(masked);
        }
        _byType[type] = (entry.Count + 1, entry.Masked);
    }

    public int Count(string type) => _byType.TryGetValue(type, out var entry) ? entry.Count : 0;

    public void AddAll(DetectionTally other)
    {
        foreach (var (type, (count, masked)) in other._byType)
        {
            if (!_byType.TryGetValue(type, out var entry)) entry = (0, []);
            foreach (var m in masked.Where(m => !entry.Masked.Contains(m)).Take(MaxExamples - entry.Masked.Count)) entry.Masked.Add(m);
            _byType[type] = (entry.Count + count, entry.Masked);
        }
    }

    public IReadOnlyList<EntityCount> ToEntities() =>
        _byType.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new EntityCount(kv.Key, kv.Value.Count, kv.Value.Masked.ToList())).ToList();
}
