using System.Security.Cryptography;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Pipeline;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Remediation;

/// <summary>
/// The remediation stage: in enforce mode, a failing finding of an opted-in check is fixed within the blast-radius
/// limit, journal-first (plan from a fresh read, record the prior state, apply, verify), with the rollback id in the
/// finding. In audit mode, and for every other finding, it changes nothing. The limit is counted per sweep in the state
/// store, so every process of one sweep (Functions instances, shards) shares it.
/// </summary>
public sealed class RemediationCoordinator(RemediationSettings settings, IStateStore journal, string sweepId, TimeProvider time, ILogger logger) : IFindingStage
{
    private int _changes;

    /// <summary>Changes this coordinator counted against the sweep's limit and kept.</summary>
    public int Changes => Volatile.Read(ref _changes);

    public async ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
    {
        if (!finding.IsFailing) return finding;
        if (settings.Mode != RemediationMode.Enforce || !settings.Checks.Contains(finding.CheckId)) return finding;
        var remediator = target.Remediators.FirstOrDefault(r => r.CheckId == finding.CheckId);
        if (remediator is null) return finding;
        if (!await journal.TryCountChangeAsync(sweepId, settings.MaxChanges, cancellationToken))
            return finding with { Detail = $"{finding.Detail} Not remediated: the limit of {settings.MaxChanges} changes per run was reached." };
        Interlocked.Increment(ref _changes);
        return await RemediateAsync(target, subject, finding, remediator, cancellationToken);
    }

    private async Task<Finding> RemediateAsync(ITargetInventory target, IAuditSubject subject, Finding finding, IRemediator remediator,
        CancellationToken cancellationToken)
    {
        RemediationPlan plan;
        try
        {
            plan = await remediator.PlanAsync(subject, cancellationToken);
        }
        catch (RemediationException e)
        {
            await GiveBackAsync(cancellationToken);
            return finding with { Detail = $"{finding.Detail} Not remediated: the current state could not be read ({e.Message})." };
        }
        if (plan.Change is not { } change)
        {
            await GiveBackAsync(cancellationToken);
            return plan.DeclinedBecause is { } reason ? finding with { Detail = $"{finding.Detail} Not remediated: {reason}." } : finding;
        }

        var id = NewId();
        await journal.AddRemediationAsync(new RemediationRecord
        {
            Id = id,
            Target = target.Name,
            CheckId = finding.CheckId,
            Fingerprint = finding.Fingerprint,
            ResourceId = finding.Resource.Id,
            Action = change.Action,
            PriorState = change.PriorState,
            NewState = change.NewState,
            Status = RemediationStatus.Planned,
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        try
        {
            await remediator.ApplyAsync(subject, change, cancellationToken);
        }
        catch (RemediationException e)
        {
            await journal.UpdateRemediationAsync(id, RemediationStatus.Failed, e.Message, time.GetUtcNow(), cancellationToken);
            logger.LogWarning("Remediation {Id} of {Check} failed: {Reason}", id, finding.CheckId, e.Message);
            return finding with { Detail = $"{finding.Detail} Remediation {id} failed: {e.Message}.", Evidence = With(finding, id, change.Action) };
        }
        await journal.UpdateRemediationAsync(id, RemediationStatus.Applied, null, time.GetUtcNow(), cancellationToken);

        var problem = await VerifyAsync(remediator, subject, change, cancellationToken);
        await journal.UpdateRemediationAsync(id, problem is null ? RemediationStatus.Verified : RemediationStatus.VerificationFailed, problem,
            time.GetUtcNow(), cancellationToken);
        logger.LogInformation("Remediation {Id}: {Action} on {Resource} ({Outcome})", id, change.Action, finding.Resource.Id, problem ?? "verified");
        return problem is null
            ? finding with { Status = FindingStatus.Remediated, Detail = $"{finding.Detail} Remediated ({id}): {change.Action}; verified.",
                Evidence = With(finding, id, change.Action) }
            : finding with { Detail = $"{finding.Detail} Remediation {id} applied ({change.Action}) but not verified: {problem}.",
                Evidence = With(finding, id, change.Action) };
    }

    /// <summary>A change counted against the limit that was not made after all.</summary>
    private async Task GiveBackAsync(CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _changes);
        await journal.UncountChangeAsync(sweepId, cancellationToken);
    }

    /// <summary>A fix whose result cannot be re-read is applied but unconfirmed: journalled as such, never a failed target.</summary>
    private static async Task<string?> VerifyAsync(IRemediator remediator, IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        try
        {
            return await remediator.VerifyAsync(subject, change, cancellationToken);
        }
        catch (RemediationException e)
        {
            return $"the result could not be re-read ({e.Message})";
        }
    }

    private static Dictionary<string, string> With(Finding finding, string id, string action)
    {
        var evidence = finding.Evidence?.ToDictionary() ?? [];
        evidence["remediationId"] = id;
        evidence["remediationAction"] = action;
        return evidence;
    }

    /// <summary>Sortable by time, unique across concurrent targets and processes.</summary>
    private string NewId() => $"rem-{time.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
