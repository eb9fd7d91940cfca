using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>A finding as remembered across sweeps: dedupe by fingerprint, first and last seen.</summary>
public sealed record FindingRecord(string Fingerprint, string CheckId, string ResourceId, FindingStatus Status, Severity Severity, DateTimeOffset FirstSeen,
    DateTimeOffset LastSeen)
{
    /// <summary>The data class a retention finding was judged against (its evidence's dataClass); null for other findings.</summary>
    public string? DataClass { get; init; }
}
