using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>Spills findings as they come and writes the report from the spill at the end; the spill survives anything before that.</summary>
public sealed class SpilledReportSink(FindingSpill spill, IFindingReport report) : IFindingSink, IAsyncDisposable
{
    private bool _written;

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken) => spill.WriteAsync(finding, cancellationToken);

    public async ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken)
    {
        await spill.CompleteAsync(summary, cancellationToken);
        await report.WriteAsync(spill, summary, cancellationToken);
        _written = true;
    }

    /// <summary>Removes the spill only when the report was written; otherwise it stays, with every finding, for the user.</summary>
    public ValueTask DisposeAsync() => _written ? spill.DisposeAsync() : ValueTask.CompletedTask;
}
