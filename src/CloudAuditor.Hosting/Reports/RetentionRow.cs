using CloudAuditor.Core.Model;

namespace CloudAuditor.Hosting.Reports;

/// <summary>One container or bucket in the retention report.</summary>
public sealed record RetentionRow(string Cloud, string Account, string Container, string ResourceId, string? DataClass, RetentionPosture Posture,
    string Verdict, string Reason)
{
    /// <summary>The class the sampled content is detected as, and its sensitivity score; null when content was not sampled.</summary>
    public string? DetectedClass { get; init; }

    public string? SensitivityScore { get; init; }
}
