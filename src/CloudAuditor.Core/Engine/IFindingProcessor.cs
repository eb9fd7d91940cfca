using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Acts on each finding before it is written: owners, exemptions, remediation.</summary>
public interface IFindingProcessor
{
    Task<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken);
}
