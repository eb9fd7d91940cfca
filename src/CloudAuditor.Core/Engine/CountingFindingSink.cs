using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Counts what passes through on its way to the real sink.</summary>
public sealed class CountingFindingSink(IFindingSink inner, FindingCounter counter) : IFindingSink
{
    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        counter.Add(finding);
        return inner.WriteAsync(finding, cancellationToken);
    }

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => inner.CompleteAsync(summary, cancellationToken);
}
