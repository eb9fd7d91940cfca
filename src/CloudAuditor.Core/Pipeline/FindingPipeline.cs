using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Pipeline;

/// <summary>
/// The stages every finding goes through, in order, before the sinks (output, state store, owner notices) see it:
/// exemption, then owner, then remediation, so an exempt finding is never remediated and every notice has an owner.
/// </summary>
public sealed class FindingPipeline(IReadOnlyList<IFindingStage> stages)
{
    public static FindingPipeline Empty { get; } = new([]);

    public IReadOnlyList<IFindingStage> Stages => stages;

    public async ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
    {
        foreach (var stage in stages) finding = await stage.ProcessAsync(target, subject, finding, cancellationToken);
        return finding;
    }
}
