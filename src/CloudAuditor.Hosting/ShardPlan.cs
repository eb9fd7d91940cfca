using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;

namespace CloudAuditor.Hosting;

/// <summary>How a configuration splits into the shards of a sweep: each target into its configured number of parts.</summary>
public static class ShardPlan
{
    /// <summary>Every shard of the configuration: its target's name and its id, as the ledger and the queue messages name them.</summary>
    public static IEnumerable<(string Target, string Id)> Parts(AuditorConfig config) =>
        config.TargetShards.SelectMany(target => Shard.Of(target.Shards).Select(shard => (target.Name, shard.IdOf(target.Name))));

    public static IReadOnlyList<string> Ids(AuditorConfig config) => [.. Parts(config).Select(part => part.Id)];

    /// <summary>
    /// Each target as its shards (a whole target stays itself), interleaved: every target's first part, then every second
    /// part, and so on, so the sweep's bounded parallelism never gives all its slots to the parts of one huge target while
    /// the others wait.
    /// </summary>
    public static IReadOnlyList<ITargetInventory> Expand(IEnumerable<ITargetInventory> targets, AuditorConfig config)
    {
        var counts = config.TargetShards.ToDictionary(t => t.Name, t => t.Shards, StringComparer.Ordinal);
        var parts = targets.Select(target => counts.GetValueOrDefault(target.Name, 1) is var count && count > 1
            ? Shard.Of(count).Select(shard => (ITargetInventory)new ShardedTarget(target, shard)).ToList()
            : [target]).ToList();
        return [.. Enumerable.Range(0, parts.Count == 0 ? 0 : parts.Max(p => p.Count)).SelectMany(round => parts.Where(p => p.Count > round)
            .Select(p => p[round]))];
    }
}
