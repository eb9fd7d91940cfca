using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Exemptions;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Pipeline;

/// <summary>
/// A failing finding that an exemption covers becomes <see cref="FindingStatus.Exempt"/>, with the reason and expiry in its
/// detail and its evidence (exemptUntil, exemptReason: what the state store keeps for the expiring-exemptions report).
/// </summary>
public sealed class ExemptionStage(ExemptionPolicy exemptions) : IFindingStage
{
    public ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
    {
        if (!finding.IsFailing || exemptions.Find(finding, subject) is not { } exemption) return ValueTask.FromResult(finding);
        var evidence = new Dictionary<string, string>(finding.Evidence ?? new Dictionary<string, string>())
        {
            ["exemptReason"] = exemption.Reason,
            ["exemptSource"] = exemption.Source,
        };
        if (State.FindingRecord.Text(exemption.Expires) is { } expires) evidence["exemptUntil"] = expires;
        return ValueTask.FromResult(finding with
        {
            Status = FindingStatus.Exempt,
            Detail = $"{finding.Detail} Exempt ({exemption.Source}): " +
                $"{exemption.Reason}{(exemption.Expires is { } until ? $", until {until:yyyy-MM-dd}" : "")}.",
            Evidence = evidence,
        });
    }
}
