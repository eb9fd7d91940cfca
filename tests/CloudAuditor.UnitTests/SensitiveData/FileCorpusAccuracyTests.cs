using CloudAuditor.SensitiveData.Evaluation;
using CloudAuditor.UnitTests.Support;
using Xunit.Abstractions;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>The detectors on files shaped the way secrets and PII really leak, with counts written down apart from the detectors.</summary>
public class FileCorpusAccuracyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Real_format_files_are_read_at_f1_099_and_every_type_at_095()
    {
        var folder = Path.Combine(RepoRoot.Path, "src", "CloudAuditor.Cli", "Bench", "LeakCorpus");
        var (perType, overall) = await FileCorpusEvaluation.EvaluateAsync(folder, CancellationToken.None);
        foreach (var t in perType.Append(overall)) output.WriteLine($"{t.Type,-30} P={t.Precision:F3} R={t.Recall:F3} F1={t.F1:F3}");
        Assert.True(overall.F1 >= 0.99, $"overall F1 {overall.F1:F3}");
        Assert.All(perType, t => Assert.True(t.Precision >= 0.95 && t.Recall >= 0.95, $"{t.Type}: P {t.Precision:F3} R {t.Recall:F3}"));
        Assert.True(perType.Count >= 15, $"{perType.Count} types in the corpus");
    }
}
