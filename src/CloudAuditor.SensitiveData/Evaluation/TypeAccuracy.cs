namespace CloudAuditor.SensitiveData.Evaluation;

public sealed record TypeAccuracy(string Type, int TruePositives, int FalsePositives, int FalseNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);
    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>The types' counts summed: precision and recall over every value, whatever its type.</summary>
    public static TypeAccuracy Overall(IEnumerable<TypeAccuracy> perType)
    {
        var all = perType.ToList();
        return new TypeAccuracy("overall", all.Sum(t => t.TruePositives), all.Sum(t => t.FalsePositives), all.Sum(t => t.FalseNegatives));
    }
}
