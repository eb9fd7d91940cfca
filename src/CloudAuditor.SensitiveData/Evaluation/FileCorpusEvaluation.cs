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
        var counter = new AccuracyCounter(DetectorSet.Default.EntityTypes);
        foreach (var (name, want) in expected)
        {
            await using var file = File.OpenRead(Path.Combine(folder, name));
            var result = await scanner.ScanAsync(file, name, cancellationToken);
            counter.Add(want, type => result.Detections.Sum(d => d.Tally.Count(type)));
        }
        return counter.Result(withUnseen: false);
    }
}
