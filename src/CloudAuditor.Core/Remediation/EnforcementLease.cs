using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Remediation;

/// <summary>
/// One enforcer at a time: an enforce sweep of a target first takes the target's lease in the state store (waiting,
/// up to a limit, for another run to finish), renews it while it runs, and releases it at the end. Two enforce runs
/// therefore never change the same resource at once, and the second reads the state the first one left. A lease that
/// cannot be taken in time, or is lost, ends the target as not audited for a transient reason, so the run is retried.
/// A lease whose holder was a process of this machine that no longer runs (<see cref="LeaseHolder"/>) is taken over at once.
/// </summary>
public sealed class EnforcementLease(ITargetInventory inner, IStateStore state, TimeSpan wait, TimeProvider time, ILogger logger) : ITargetInventory
{
    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    private readonly string _holder = LeaseHolder.New();

    public string Name => inner.Name;
    public CloudKind Cloud => inner.Cloud;
    public IFaultClassifier Faults => inner.Faults;
    public IReadOnlyList<IRemediator> Remediators => inner.Remediators;

    private string Scope => $"enforce:{inner.Cloud.ToString().ToLowerInvariant()}:{inner.Name}";

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        await AcquireAsync(cancellationToken);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var lost = false;
        var renewing = LeaseRenewal.KeepAsync(state, Scope, _holder, Duration, time, other =>
        {
            logger.LogError("Target {Target}: the enforce lease passed to {Holder}; stopping this run's changes", inner.Name, other.Holder);
            lost = true;
            running.Cancel();
        }, running.Token);
        try
        {
            await inner.InventoryAsync(sink, running.Token);
        }
        catch (OperationCanceledException) when (lost && !cancellationToken.IsCancellationRequested)
        {
            throw new FaultException(new Fault(FaultKind.Busy, "the enforce lease of this target was lost part-way (the run stalled past its renewal); retry"));
        }
        finally
        {
            await running.CancelAsync();
            await renewing;
            await state.ReleaseLeaseAsync(Scope, _holder, CancellationToken.None);
        }
    }

    private async Task AcquireAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + wait;
        while (true)
        {
            if (await state.TryLeaseAsync(Scope, _holder, Duration, time.GetUtcNow(), cancellationToken) is not { } held) return;
            if (LeaseHolder.IsGoneFromHere(held.Holder))
            {
                // A killed run of this machine holds it: waiting for it to expire would hold enforcement up for minutes.
                logger.LogWarning("Target {Target}: taking over the enforce lease of {Holder}, a process of this machine that no longer runs",
                    inner.Name, held.Holder);
                await state.ReleaseLeaseAsync(Scope, held.Holder, cancellationToken);
                continue;
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new TargetUnreachableException($"Target '{inner.Name}'", new Fault(FaultKind.Busy,
                    $"another enforce run ({held.Holder}) holds its lease until {held.ExpiresAt:yyyy-MM-dd HH:mm:ss} UTC; waited {wait.TotalSeconds:N0} s"));
            }
            logger.LogInformation("Target {Target}: waiting for the enforce lease held by {Holder}", inner.Name, held.Holder);
            await Task.Delay(Poll, time, cancellationToken);
        }
    }
}
