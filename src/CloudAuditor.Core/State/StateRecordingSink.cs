using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>Remembers every finding of a sweep (first and last seen, current status) in the state store.</summary>
public sealed class StateRecordingSink(IStateStore store, DateTimeOffset sweepTime) : IFindingSink
{
    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken) =>
        await store.UpsertFindingAsync(finding, sweepTime, cancellationToken);

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
