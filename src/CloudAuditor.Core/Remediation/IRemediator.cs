using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.Core.Remediation;


/// <summary>
/// Fixes one check's failures on one target. Plan reads the current state fresh (never trusting the sweep's copy),
/// so running twice is safe: a second plan finds nothing to change.
/// </summary>
public interface IRemediator
{
    string CheckId { get; }

    /// <returns>The change to make; nothing when it is already fixed; or why the auditor declines to make it.</returns>
    /// <exception cref="RemediationException">The current state could not be read.</exception>
    Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken);

    /// <exception cref="RemediationException">The change was refused or failed.</exception>
    Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    /// <returns>Null when the fix is confirmed (re-read, and re-probed anonymously where that applies); otherwise why not.</returns>
    /// <exception cref="RemediationException">The state could not be re-read; the change is then journalled as not verified.</exception>
    Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    /// <summary>Restores the journalled prior state.</summary>
    /// <exception cref="RemediationException">The restore was refused or failed.</exception>
    Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken);
}
