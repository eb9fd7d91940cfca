using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>Remembers every finding of a sweep (first and last seen, current status, status changes) in the state store.</summary>
/// <param name="eventTime">When the cloud event an event's sweep answers happened; null for scheduled sweeps.</param>
public sealed class StateRecordingSink(IStateStore store, DateTimeOffset sweepTime, IFaultClassifier faults, DateTimeOffset? eventTime = null) : IFindingSink
{
    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        try
        {
            await store.UpsertFindingAsync(finding, sweepTime, eventTime, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // Said as what it is: the resource was read, but its finding could not be remembered (and was not output).
            var fault = FaultClassifier.Classify(e, cancellationToken, faults);
            throw new FaultException(fault with { Reason = $"the state store could not record a finding: {fault.Reason}" }, e);
        }
    }

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
