namespace CloudAuditor.Core.Remediation;

/// <summary>The change a remediator will make: the prior state (what rollback restores) and the new state, as JSON.</summary>
public sealed record RemediationChange(string Action, string PriorState, string NewState);
