using System.Text.Json;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>
/// Accuracy over a folder of real-format files (dotenv, shell, YAML, JSON, CSV, logs) and an expected.json naming, per file, how many
/// values of each type it holds, lookalikes not counted: each file is scanned as scan-files scans it, and per type a surplus is a
/// false positive and a shortfall a false negative.
/// </summary>
public static class FileCorpusEvaluation
{
    public const string ExpectedFile = "expected.json";

    public static async Task<(IReadOnlyList<TypeAccuracy> PerType, TypeAccuracy Overall)> EvaluateAsync(string folder, CancellationToken cancellationToken)
    {
        var expected = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, int>>>(
            await File.ReadAllTextAsync(Path.Combine(folder, ExpectedFile), cancellationToken)) ?? [];
        var scanner = new ContentScanner(DetectorSet.Default, ExtractionLimits.Default, new ScanMemoryBudget(64L << 20));
        var counts = DetectorSet.Default.EntityTypes.ToDictionary(t => t, _ => (Tp: 0, Fp: 0, Fn: 0), StringComparer.Ordinal);
        foreach (var (name, want) in expected)
        {
            await using var file = File.OpenRead(Path.Combine(folder, name));
            var result = await scanner.ScanAsync(file, name, cancellationToken);
            foreach (var type in counts.Keys)
            {
                var found = result.Detections.Sum(d => d.Tally.Count(type));
                var wanted = want.GetValueOrDefault(type);
                var c = counts[type];
                counts[type] = (c.Tp + Math.Min(wanted, found), c.Fp + Math.Max(0, found - wanted), c.Fn + Math.Max(0, wanted - found));
            }
        }
        var perType = counts.Where(kv => kv.Value != (0, 0, 0)).Select(kv => new TypeAccuracy(kv.Key, kv.Value.Tp, kv.Value.Fp, kv.Value.Fn))
            .OrderBy(t => t.Type, StringComparer.Ordinal).ToList();
        return (perType, TypeAccuracy.Overall(perType));
    }
}
