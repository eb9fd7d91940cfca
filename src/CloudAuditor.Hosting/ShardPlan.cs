using CloudAuditor.Core.Engine;

namespace CloudAuditor.Hosting;

/// <summary>How a sweep's targets split into its shards, given how many parts each target has (<see cref="ShardCounts"/>).</summary>
public static class ShardPlan
{
    /// <summary>Every shard of the sweep: its target's name and its id, as the ledger and the queue messages name them.</summary>
    public static IEnumerable<(string Target, string Id)> Parts(ShardCounts counts) =>
        counts.Targets.SelectMany(target => Shard.Of(target.Count).Select(shard => (target.Target, shard.IdOf(target.Target))));

    public static IReadOnlyList<string> Ids(ShardCounts counts) => [.. Parts(counts).Select(part => part.Id)];

    /// <summary>
    /// Each target as its shards (a whole target stays itself), interleaved: every target's first part, then every second
    /// part, and so on, so the sweep's bounded parallelism never gives all its slots to the parts of one huge target while
    /// the others wait.
    /// </summary>
    public static IReadOnlyList<ITargetInventory> Expand(IEnumerable<ITargetInventory> targets, ShardCounts counts)
    {
        var parts = targets.Select(target => counts.Of(target.Name) is var count && count > 1
            ? Shard.Of(count).Select(shard => (ITargetInventory)new ShardedTarget(target, shard)).ToList()
            : [target]).ToList();
        return [.. Enumerable.Range(0, parts.Count == 0 ? 0 : parts.Max(p => p.Count)).SelectMany(round => parts.Where(p => p.Count > round)
            .Select(p => p[round]))];
    }
}
