namespace CloudAuditor.Core.State;

/// <summary>A sweep as its ledger holds it: when it was planned, its deadline, its shards, and when the fan-in closed it.</summary>
public sealed record SweepRecord(string SweepId, DateTimeOffset PlannedAt, DateTimeOffset Deadline, DateTimeOffset? ClosedAt, IReadOnlyList<ShardRecord> Shards)
{
    public IEnumerable<ShardRecord> Pending => Shards.Where(s => !s.Done);

    public bool AllDone => Shards.All(s => s.Done);

    /// <summary>"sweep-… : 4/5 shards finished, 120 findings (7 failing) over all its runs, in 00:12:30; unfinished: b" and the like.</summary>
    public string Describe()
    {
        var done = Shards.Where(s => s.Done).Select(s => s.Result!).ToList();
        var took = ClosedAt is { } closed ? $", in {closed - PlannedAt:hh\\:mm\\:ss}" : "";
        var unfinished = Pending.Select(s => s.ShardId).ToList();
        var incomplete = done.Where(r => !r.Complete).Select(r => $"{r.ShardId} ({r.Gaps})").ToList();
        return $"{SweepId}: {done.Count}/{Shards.Count} shard(s) finished, {done.Sum(r => r.Findings)} findings ({done.Sum(r => r.Failing)} failing) " +
            $"over all its runs{took}" + (incomplete.Count > 0 ? $"; finished with gaps: {string.Join("; ", incomplete)}" : "") +
            (unfinished.Count > 0 ? $"; unfinished: {string.Join(", ", unfinished)}" : "");
    }
}
