using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

public sealed class SweepSummary
{
    private int _subjects;
    private int _unreachableTargets;

    public int Targets { get; init; }
    public int Subjects => _subjects;
    public int UnreachableTargets => _unreachableTargets;
    public FindingCounter Findings { get; } = new();

    public int FailingAtOrAbove(Severity severity) => Findings.FailingAtOrAbove(severity);

    internal void CountSubject() => Interlocked.Increment(ref _subjects);

    internal void CountUnreachable() => Interlocked.Increment(ref _unreachableTargets);

    internal void Count(Finding finding) => Findings.Add(finding);
}
