namespace CloudAuditor.Core.State;

/// <summary>One shard of a planned sweep: pending until its result is recorded.</summary>
public sealed record ShardRecord(string ShardId, ShardResult? Result, DateTimeOffset? DoneAt)
{
    public bool Done => Result is not null;
}
