using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>The sweep's summary as a JSON document (--summary FILE): whether it is complete, its coverage and its counts.</summary>
public static class SweepSummaryDocument
{
    public static object From(SweepSummary summary) => new
    {
        complete = summary.Coverage.Complete,
        transient = summary.Coverage.Transient,
        targets = summary.Targets,
        subjects = summary.Subjects,
        findings = Enum.GetValues<FindingStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), summary.Findings.Count),
        coverage = new
        {
            kinds = summary.Coverage.Kinds,
            gaps = summary.Coverage.Gaps.Select(g => new { resource = g.Kind, state = State(g.State), fault = g.Fault.Kind.ToString(), reason = g.Fault.Reason,
                g.Count, g.Examples }),
            unknownRemainders = summary.Coverage.Remainders.Select(r => new { r.Scope, resource = r.Kind, r.Listed, fault = r.Fault.Kind.ToString(),
                reason = r.Fault.Reason }),
            lines = summary.Coverage.Lines(),
        },
        requests = summary.Requests is { } tally ? new { sent = tally.Requests, throttled = tally.Throttled, serverErrors = tally.ServerErrors,
            waitedSeconds = Math.Round(tally.Waited.TotalSeconds, 1) } : null,
        // The process's peak resident memory so far (VmHWM): what a run of this size needs, for sizing hosts.
        process = new { peakWorkingSetBytes = System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 },
    };

    private static string State(AuditState state) => state == AuditState.Partial ? "partial" : state == AuditState.NotAudited ? "not-audited" : "audited";
}
