using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Evaluation;

/// <summary>Precision and recall per entity type over a labelled corpus, line by line.</summary>
public static class AccuracyReport
{
    public static (IReadOnlyList<TypeAccuracy> PerType, TypeAccuracy Overall) Evaluate(DetectorSet detectors, IEnumerable<LabeledLine> lines)
    {
        var counter = new AccuracyCounter(detectors.EntityTypes);
        foreach (var line in lines)
        {
            var tally = new DetectionTally();
            detectors.Scan(line.Text, FieldContext.None, tally);
            counter.Add(line.Expected, tally.Count);
        }
        return counter.Result(withUnseen: true);
    }
}
