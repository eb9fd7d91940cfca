namespace CloudAuditor.Core.State;

/// <summary>A sweep as its ledger holds it: when it was planned, its deadline, its shards, and when the fan-in closed it.</summary>
public sealed record SweepRecord(string SweepId, DateTimeOffset PlannedAt, DateTimeOffset Deadline, DateTimeOffset? ClosedAt, IReadOnlyList<ShardRecord> Shards)
{
    public IEnumerable<ShardRecord> Pending => Shards.Where(s => !s.Done);

    public bool AllDone => Shards.All(s => s.Done);
}
