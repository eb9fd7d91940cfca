using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Thread-safe counts of findings by status, and of failing ones by severity (for --fail-on).</summary>
public sealed class FindingCounter
{
    private readonly int[] _byStatus = new int[Enum.GetValues<FindingStatus>().Length];
    private readonly int[] _failingBySeverity = new int[Enum.GetValues<Severity>().Length];

    public int Count(FindingStatus status) => _byStatus[(int)status];

    /// <summary>Failing findings at or above the given severity (Critical is the highest).</summary>
    public int FailingAtOrAbove(Severity severity) => _failingBySeverity.Take((int)severity + 1).Sum();

    public void Add(Finding finding)
    {
        Interlocked.Increment(ref _byStatus[(int)finding.Status]);
        if (finding.IsFailing) Interlocked.Increment(ref _failingBySeverity[(int)finding.Severity]);
    }
}
