using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Functions;

public sealed record SweepReport(SweepSummary Summary, IReadOnlyList<Finding> Findings, int OwnersNotified)
{
    public string Describe(string what) =>
        $"{what}: {Findings.Count} findings, {Summary.Findings.Count(FindingStatus.Fail)} failing, {Summary.Findings.Count(FindingStatus.Remediated)} remediated, " +
        $"{Summary.Findings.Count(FindingStatus.Error)} errors, {OwnersNotified} owner(s) notified";
}
