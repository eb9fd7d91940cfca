namespace CloudAuditor.Core.Policy;

/// <summary>How far one condition narrows a statement granted to everyone, and why.</summary>
public sealed record ConditionJudgement(PolicyReach Reach, string Reason);
