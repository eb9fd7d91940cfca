using CloudAuditor.Core.State;

namespace CloudAuditor.Hosting;

/// <summary>What became of a rollback; <see cref="Reason"/> is one sentence for the person who asked.</summary>
public sealed record RollbackResult(RollbackOutcome Outcome, RemediationRecord? Record, string Reason);
