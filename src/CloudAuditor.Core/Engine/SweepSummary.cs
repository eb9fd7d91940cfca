using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

public sealed class SweepSummary
{
    private int _subjects;
    private int _unreachableTargets;
    private readonly int[] _byStatus = new int[Enum.GetValues<FindingStatus>().Length];
    private readonly int[] _failingBySeverity = new int[Enum.GetValues<Severity>().Length];

    public int Targets { get; init; }
    public int Subjects => _subjects;
    public int UnreachableTargets => _unreachableTargets;

    public int Count(FindingStatus status) => _byStatus[(int)status];

    /// <summary>Failing findings at or above the given severity (Critical is the highest).</summary>
    public int FailingAtOrAbove(Severity severity) => _failingBySeverity.Take((int)severity + 1).Sum();

    internal void CountSubject() => Interlocked.Increment(ref _subjects);

    internal void CountUnreachable() => Interlocked.Increment(ref _unreachableTargets);

    internal void Count(Finding finding)
    {
        Interlocked.Increment(ref _byStatus[(int)finding.Status]);
        if (finding.IsFailing) Interlocked.Increment(ref _failingBySeverity[(int)finding.Severity]);
    }
}
