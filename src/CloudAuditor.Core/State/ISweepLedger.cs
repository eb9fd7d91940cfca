using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>
/// The record of a sharded sweep that every process of it shares (the CLI and a resumed CLI, or the Functions instances
/// a queue fans shards out to): the plan, each shard's result, the findings owners are to hear about, and the one close.
/// Every write is idempotent, so a shard re-run after a crash or a redelivered message changes nothing twice.
/// </summary>
public interface ISweepLedger
{
    /// <summary>Records the plan, each shard pending. A sweep planned again keeps its first plan.</summary>
    Task PlanSweepAsync(string sweepId, IReadOnlyList<string> shardIds, DateTimeOffset plannedAt, DateTimeOffset deadline,
        CancellationToken cancellationToken);

    Task<SweepRecord?> GetSweepAsync(string sweepId, CancellationToken cancellationToken);

    /// <returns>True when this call recorded the result; false when the shard was already done (its first result stands).</returns>
    Task<bool> CompleteShardAsync(string sweepId, ShardResult result, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The fan-in's guard: exactly one caller, ever, gets true for a sweep, however many try at once.</summary>
    Task<bool> TryCloseSweepAsync(string sweepId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Sweeps planned but not closed, oldest first (the timer closes those past their deadline).</summary>
    Task<IReadOnlyList<string>> ListOpenSweepsAsync(CancellationToken cancellationToken);

    /// <summary>A finding its owner is to hear about when the sweep closes; the same owner and fingerprint again replaces it.</summary>
    Task AddNoticeAsync(string sweepId, Finding finding, CancellationToken cancellationToken);

    /// <summary>The sweep's notices, grouped by owner (all of one owner's together).</summary>
    IAsyncEnumerable<Finding> ListNoticesAsync(string sweepId, CancellationToken cancellationToken);
}
