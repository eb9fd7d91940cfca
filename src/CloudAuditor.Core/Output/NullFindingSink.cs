using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>Drops findings: for runs that only want subjects or timings (reports, benchmarks).</summary>
public sealed class NullFindingSink : IFindingSink
{
    public static NullFindingSink Instance { get; } = new();

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
