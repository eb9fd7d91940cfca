namespace CloudAuditor.Core.State;

/// <summary>Keeps a held lease alive: renews it at a third of its life until cancelled, and stops at once if another holder has it.</summary>
public static class LeaseRenewal
{
    /// <param name="onLost">Called once, with the holder that took the lease, before renewal stops.</param>
    public static async Task KeepAsync(IStateStore state, string scope, string holder, TimeSpan duration, TimeProvider time, Action<Lease> onLost,
        CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(duration / 3, time, cancellationToken);
                if (await state.TryLeaseAsync(scope, holder, duration, time.GetUtcNow(), cancellationToken) is { } other)
                {
                    onLost(other);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The work the lease guarded ended: renewal ends with it.
        }
    }
}
