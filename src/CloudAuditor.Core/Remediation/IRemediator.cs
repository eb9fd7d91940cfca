using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.Core.Remediation;

/// <summary>The change a remediator will make: the prior state (what rollback restores) and the new state, as JSON.</summary>
public sealed record RemediationChange(string Action, string PriorState, string NewState);

/// <summary>
/// Fixes one check's failures on one target. Plan reads the current state fresh (never trusting the sweep's copy),
/// so running twice is safe: a second plan finds nothing to change.
/// </summary>
public interface IRemediator
{
    string CheckId { get; }

    /// <returns>Null when there is nothing to change (already fixed).</returns>
    Task<RemediationChange?> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken);

    /// <exception cref="RemediationException">The change was refused or failed.</exception>
    Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    /// <returns>Null when the fix is confirmed (re-read, and re-probed anonymously where that applies); otherwise why not.</returns>
    Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    /// <summary>Restores the journalled prior state.</summary>
    /// <exception cref="RemediationException">The restore was refused or failed.</exception>
    Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken);
}

/// <summary>A remediation step failed; the message names the operation and status, never data.</summary>
public sealed class RemediationException(string message, Exception? inner = null) : Exception(message, inner);
