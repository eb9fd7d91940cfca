using CloudAuditor.SensitiveData.Evaluation;
using CloudAuditor.SensitiveData.Scanning;
using Xunit.Abstractions;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Precision and recall on a seeded labelled corpus (several seeds, so the bar is not tuned to one sample).</summary>
public class AccuracyTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(20261123)]
    [InlineData(7)]
    [InlineData(424242)]
    public void Every_type_is_found_reliably_and_lookalikes_do_not_fire(int seed)
    {
        var (perType, overall) = AccuracyReport.Evaluate(DetectorSet.Default, new LabeledCorpus(seed).Lines(6000, piiShare: 0.4));
        foreach (var t in perType) output.WriteLine($"{t.Type,-28} P={t.Precision:F3} R={t.Recall:F3} F1={t.F1:F3} (tp {t.TruePositives}, fp " +
            $"{t.FalsePositives}, fn {t.FalseNegatives})");
        output.WriteLine($"overall P={overall.Precision:F3} R={overall.Recall:F3} F1={overall.F1:F3}");

        Assert.True(overall.F1 >= 0.97, $"overall F1 {overall.F1:F3}");
        Assert.All(perType, t => Assert.True(t.F1 >= 0.95, $"{t.Type} F1 {t.F1:F3} (fp {t.FalsePositives}, fn {t.FalseNegatives})"));
        Assert.All(perType, t => Assert.True(t.TruePositives > 0, $"{t.Type} never generated"));
    }
}
