using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>What a sweep counted: targets, subjects, findings, and what it covered (<see cref="Coverage"/>).</summary>
public sealed class SweepSummary
{
    private int _subjects;

    public int Targets { get; init; }
    public int Subjects => _subjects;
    public FindingCounter Findings { get; } = new();
    public CoverageReport Coverage { get; set; } = CoverageReport.Empty;

    /// <summary>The requests the sweep sent and how many were throttled; null when the host kept no tally.</summary>
    public Http.RequestTally? Requests { get; init; }

    public int FailingAtOrAbove(Severity severity) => Findings.FailingAtOrAbove(severity);

    internal void CountSubject() => Interlocked.Increment(ref _subjects);

    internal void Count(Finding finding) => Findings.Add(finding);
}
