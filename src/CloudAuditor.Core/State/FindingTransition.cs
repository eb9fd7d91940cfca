using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>
/// One status change of a finding, as the state store keeps its history: when the sweep saw it and, for an event's
/// sweep, when the cloud event happened (the exposure's own time, for time-to-detect).
/// </summary>
public sealed record FindingTransition(string Fingerprint, string CheckId, FindingType Type, Severity Severity, string ResourceId, TransitionKind Kind,
    DateTimeOffset At, DateTimeOffset? EventTime = null)
{
    /// <summary>
    /// The transitions between a finding's previous status (null when first seen or last seen as an error) and its new
    /// sighting. Errors are coverage, not exposure: they make no transition. A finding first seen already remediated
    /// (found and fixed in one sweep) was opened and remediated at the same moment.
    /// </summary>
    public static IReadOnlyList<FindingTransition> Between(FindingStatus? previous, Finding finding, DateTimeOffset at, DateTimeOffset? eventTime)
    {
        var was = previous == FindingStatus.Error ? null : previous;
        if (finding.Status == FindingStatus.Error || finding.Status == was) return [];
        FindingTransition Make(TransitionKind kind) =>
            new(finding.Fingerprint, finding.CheckId, finding.Type, finding.Severity, finding.Resource.Id, kind, at,
                kind == TransitionKind.Opened ? eventTime : null);
        return (was, finding.Status) switch
        {
            (null, FindingStatus.Fail) => [Make(TransitionKind.Opened)],
            (null, FindingStatus.Remediated) => [Make(TransitionKind.Opened), Make(TransitionKind.Remediated)],
            (null, FindingStatus.Pass) => [],
            (_, FindingStatus.Fail) => [Make(TransitionKind.Reopened)],
            (FindingStatus.Fail, FindingStatus.Remediated) => [Make(TransitionKind.Remediated)],
            (FindingStatus.Fail, FindingStatus.Pass) => [Make(TransitionKind.Resolved)],
            (_, FindingStatus.Exempt) => [Make(TransitionKind.Exempted)],
            _ => [],
        };
    }
}
