namespace CloudAuditor.Core.State;

/// <summary>What one shard of a sweep did: subjects audited, findings written (failing among them), and whether coverage was complete.</summary>
/// <param name="Gaps">The coverage lines of an incomplete shard; null when complete.</param>
public sealed record ShardResult(string ShardId, int Subjects, int Findings, int Failing, bool Complete, string? Gaps = null);
