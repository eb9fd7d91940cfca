using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>A finding as remembered across sweeps: dedupe by fingerprint, first and last seen.</summary>
public sealed record FindingRecord(string Fingerprint, string CheckId, string ResourceId, FindingStatus Status, Severity Severity, DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen)
{
    /// <summary>The data class a retention finding was judged against (its evidence's dataClass); null for other findings.</summary>
    public string? DataClass { get; init; }

    /// <summary>Until when an exempt finding is exempt (its evidence's exemptUntil); null otherwise or without expiry.</summary>
    public DateOnly? ExemptUntil { get; init; }

    public string? ExemptReason { get; init; }

    /// <summary>The remembered parts of a finding's evidence, the one place both stores take them from.</summary>
    public static (string? DataClass, DateOnly? ExemptUntil, string? ExemptReason) Remembered(Finding finding) => (
        finding.Evidence?.GetValueOrDefault("dataClass"),
        Day(finding.Evidence?.GetValueOrDefault("exemptUntil")),
        finding.Status == FindingStatus.Exempt ? finding.Evidence?.GetValueOrDefault("exemptReason") : null);

    /// <summary>A day as the evidence and the stores write it (yyyy-MM-dd); null stays null.</summary>
    public static DateOnly? Day(string? text) =>
        text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string? Text(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
