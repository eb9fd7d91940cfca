using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>Keeps every finding in memory (event-driven hosts answer with them; tests assert on them).</summary>
public sealed class CollectingFindingSink : IFindingSink
{
    private readonly List<Finding> _findings = [];

    public IReadOnlyList<Finding> Findings
    {
        get { lock (_findings) return [.. _findings]; }
    }

    public bool Completed => Summary is not null;

    public SweepSummary? Summary { get; private set; }

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        lock (_findings) _findings.Add(finding);
        return ValueTask.CompletedTask;
    }

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken)
    {
        Summary = summary;
        return ValueTask.CompletedTask;
    }
}
