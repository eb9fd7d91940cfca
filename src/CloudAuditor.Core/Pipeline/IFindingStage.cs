using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Pipeline;

/// <summary>One step a finding passes through before it is written: exemption, owner, remediation.</summary>
public interface IFindingStage
{
    ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken);
}
