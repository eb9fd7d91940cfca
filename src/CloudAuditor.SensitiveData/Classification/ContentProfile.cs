using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Detectors;

namespace CloudAuditor.SensitiveData.Classification;

/// <summary>What the sampled objects of one container held: entity counts by type, and in how many of the objects read.</summary>
public sealed record ContentProfile(IReadOnlyDictionary<string, int> Counts, int ObjectsSampled, int ObjectsWithFindings)
{
    /// <summary>PII that makes content personal data; an IP address in a log line alone does not.</summary>
    private static readonly HashSet<string> ClassifyingPii = [.. EntityTypes.HighRiskPii, EntityTypes.Email, EntityTypes.Phone];

    public static ContentProfile Of(IReadOnlyList<SampledObject> sampled)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var withFindings = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in sampled)
        {
            foreach (var finding in item.Findings.Where(f => f.Type == FindingType.SensitiveData && f.Entities is not null))
            {
                withFindings.Add(item.Key ?? "");
                foreach (var entity in finding.Entities!) counts[entity.Type] = counts.GetValueOrDefault(entity.Type) + entity.Count;
            }
        }
        var read = sampled.Count(s => s.Key is not null && s.State != AuditState.NotAudited);
        return new ContentProfile(counts, read, withFindings.Count);
    }

    public bool HasSecrets => Counts.Keys.Any(EntityTypes.Secrets.Contains);

    public bool HasHighRiskPii => Counts.Keys.Any(EntityTypes.HighRiskPii.Contains);

    public bool HasPii => Counts.Keys.Any(ClassifyingPii.Contains);

    public int Total => Counts.Values.Sum();

    /// <summary>"3 US_SSN, 5 EMAIL_ADDRESS", most frequent first.</summary>
    public string Describe() => string.Join(", ", Counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
        .Select(c => $"{c.Value} {c.Key}"));
}
