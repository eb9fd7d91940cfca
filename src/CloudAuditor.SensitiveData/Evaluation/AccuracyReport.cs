using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>Precision and recall per entity type over a labelled corpus, line by line.</summary>
public static class AccuracyReport
{
    public static (IReadOnlyList<TypeAccuracy> PerType, TypeAccuracy Overall) Evaluate(DetectorSet detectors, IEnumerable<LabeledLine> lines)
    {
        var counts = detectors.EntityTypes.ToDictionary(t => t, _ => (Tp: 0, Fp: 0, Fn: 0));
        foreach (var line in lines)
        {
            var tally = new DetectionTally();
            detectors.Scan(line.Text, FieldContext.None, tally);
            foreach (var type in counts.Keys)
            {
                var expected = line.Expected.GetValueOrDefault(type);
                var found = tally.Count(type);
                var c = counts[type];
                counts[type] = (c.Tp + Math.Min(expected, found), c.Fp + Math.Max(0, found - expected), c.Fn + Math.Max(0, expected - found));
            }
        }
        var perType = counts.Select(kv => new TypeAccuracy(kv.Key, kv.Value.Tp, kv.Value.Fp, kv.Value.Fn)).OrderBy(t => t.Type,
            StringComparer.Ordinal).ToList();
        return (perType, TypeAccuracy.Overall(perType));
    }
}
