namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>
/// True and false positives and negatives per entity type, from expected against found counts of each sample (a line, a file): a
/// surplus is false positives, a shortfall false negatives. The one rule both accuracy reports count by.
/// </summary>
internal sealed class AccuracyCounter(IEnumerable<string> types)
{
    private readonly Dictionary<string, (int Tp, int Fp, int Fn)> _counts = types.ToDictionary(t => t, _ => (0, 0, 0), StringComparer.Ordinal);

    public void Add(IReadOnlyDictionary<string, int> expected, Func<string, int> found)
    {
        foreach (var type in _counts.Keys.ToList())
        {
            var (wanted, got, c) = (expected.GetValueOrDefault(type), found(type), _counts[type]);
            _counts[type] = (c.Tp + Math.Min(wanted, got), c.Fp + Math.Max(0, got - wanted), c.Fn + Math.Max(0, wanted - got));
        }
    }

    /// <param name="withUnseen">Also the types no sample expected or produced (all counts zero).</param>
    public (IReadOnlyList<TypeAccuracy> PerType, TypeAccuracy Overall) Result(bool withUnseen)
    {
        var perType = _counts.Where(kv => withUnseen || kv.Value != (0, 0, 0)).Select(kv => new TypeAccuracy(kv.Key, kv.Value.Tp, kv.Value.Fp,
            kv.Value.Fn)).OrderBy(t => t.Type, StringComparer.Ordinal).ToList();
        return (perType, TypeAccuracy.Overall(perType));
    }
}
