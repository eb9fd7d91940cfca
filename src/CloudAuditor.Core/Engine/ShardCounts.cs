using CloudAuditor.Core.Config;
using CloudAuditor.Core.Faults;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// How many parts (<see cref="Shard"/>s) each target of a sweep is split into: the target's <c>shards</c> setting where it
/// has one, otherwise its size when the sweep is planned (one listing: containers, storage accounts or buckets) divided by
/// <see cref="SweepSettings.ShardSize"/>. Decided once per sweep and kept in its ledger (as the shard ids), so every
/// process and every resumed run splits a target the same way even after the estate has grown.
/// </summary>
public sealed class ShardCounts
{
    public const int MaxShards = 1000;

    /// <summary>In the order of the targets, which is the order their parts are planned and enqueued in.</summary>
    private readonly Dictionary<string, int> _counts;

    private ShardCounts(Dictionary<string, int> counts) => _counts = counts;

    public int Of(string target) => _counts.GetValueOrDefault(target, 1);

    public IEnumerable<(string Target, int Count)> Targets => _counts.Select(pair => (pair.Key, pair.Value));

    /// <summary>The counts a sweep was planned with, read back from its shard ids ("prod#2/8" is one of 8 parts of "prod").</summary>
    public static ShardCounts FromIds(IEnumerable<string> shardIds)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in shardIds)
        {
            if (!Shard.TryParse(id, out var target, out var shard)) throw new FormatException($"'{id}' is not a shard id");
            counts[target] = shard.Count;
        }
        return new ShardCounts(counts);
    }

    /// <summary>
    /// Counts each target without a <c>shards</c> setting (a few at a time). A target that cannot be counted is planned as one
    /// part, with the reason logged: its own sweep lists it again and reports what it could not read.
    /// </summary>
    public static async Task<ShardCounts> PlanAsync(IReadOnlyList<ITargetInventory> targets, AuditorConfig config, ILogger logger,
        CancellationToken cancellationToken)
    {
        var configured = config.TargetShards.ToDictionary(t => t.Name, t => t.Shards, StringComparer.Ordinal);
        var counts = new int[targets.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = config.Sweep.Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForAsync(0, targets.Count, options, async (i, token) =>
            counts[i] = configured.GetValueOrDefault(targets[i].Name) is > 0 and var fixedCount
                ? fixedCount : await DeriveAsync(targets[i], config.Sweep.ShardSize, logger, token));
        return new ShardCounts(Enumerable.Range(0, targets.Count).ToDictionary(i => targets[i].Name, i => counts[i], StringComparer.Ordinal));
    }

    private static async Task<int> DeriveAsync(ITargetInventory target, int shardSize, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            var units = await target.CountShardUnitsAsync(cancellationToken) ?? 0;
            return (int)Math.Clamp(((long)units + shardSize - 1) / shardSize, 1, MaxShards);
        }
#pragma warning disable CA1031 // Whatever stops the count is classified and logged; the target is then swept whole, which reports it again.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, target.Faults);
            logger.LogWarning("Target {Target} could not be counted to split it into shards ({Reason}); it is swept as one part", target.Name, fault.Reason);
            return 1;
        }
    }
}
