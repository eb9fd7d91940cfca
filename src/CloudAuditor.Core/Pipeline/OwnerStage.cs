using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Owners;

namespace CloudAuditor.Core.Pipeline;

/// <summary>Every finding that is not a pass names who owns its resource, so notices and reports can route it.</summary>
public sealed class OwnerStage(OwnerResolver owners) : IFindingStage
{
    public ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken) =>
        ValueTask.FromResult(finding.Status == FindingStatus.Pass ? finding : finding with { Owner = owners.Resolve(subject) });
}
