using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>The sweep's summary as a JSON document (--summary FILE): whether it is complete, its coverage and its counts.</summary>
public sealed record SweepSummaryDocument(bool Complete, bool Transient, int Targets, int Subjects, IReadOnlyDictionary<string, int> Findings,
    SweepSummaryDocument.CoverageSection Coverage, SweepSummaryDocument.RequestSection? Requests, SweepSummaryDocument.ProcessSection Process)
{
    public static SweepSummaryDocument From(SweepSummary summary) => new(
        summary.Coverage.Complete,
        summary.Coverage.Transient,
        summary.Targets,
        summary.Subjects,
        Enum.GetValues<FindingStatus>().ToDictionary(s => s.ToString().ToLowerInvariant(), summary.Findings.Count),
        new CoverageSection(
            summary.Coverage.Kinds,
            [.. summary.Coverage.Gaps.Select(g => new GapEntry(g.Kind, State(g.State), g.Fault.Kind.ToString(), g.Fault.Reason, g.Count, g.Examples))],
            [.. summary.Coverage.Remainders.Select(r => new RemainderEntry(r.Scope, r.Kind, r.Listed, r.Fault.Kind.ToString(), r.Fault.Reason))],
            [.. summary.Coverage.Lines()]),
        summary.Requests is { } tally
            ? new RequestSection(tally.Requests, tally.Throttled, tally.ServerErrors, Math.Round(tally.Waited.TotalSeconds, 1), tally.MostSenders) : null,
        // The process's peak resident memory so far (VmHWM) and its CPU time: what a run of this size needs, for sizing hosts.
        ProcessSection.Now());

    private static string State(AuditState state) => state == AuditState.Partial ? "partial" : state == AuditState.NotAudited ? "not-audited" : "audited";

    public sealed record CoverageSection(IReadOnlyList<KindCoverage> Kinds, IReadOnlyList<GapEntry> Gaps, IReadOnlyList<RemainderEntry> UnknownRemainders,
        IReadOnlyList<string> Lines);

    public sealed record GapEntry(string Resource, string State, string Fault, string Reason, int Count, IReadOnlyList<string> Examples);

    public sealed record RemainderEntry(string Scope, string Resource, int Listed, string Fault, string Reason);

    /// <param name="MostSenders">The most processes seen sending to one storage account or subscription at once, this one included
    /// (each took an equal share of the rate).</param>
    public sealed record RequestSection(long Sent, long Throttled, long ServerErrors, double WaitedSeconds, int MostSenders);

    public sealed record ProcessSection(long PeakWorkingSetBytes, double CpuSeconds)
    {
        public static ProcessSection Now()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return new ProcessSection(process.PeakWorkingSet64, Math.Round(process.TotalProcessorTime.TotalSeconds, 2));
        }
    }
}
