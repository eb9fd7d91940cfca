using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>One configured target (an account, a subscription, an AWS account) that a provider can inventory.</summary>
public interface ITargetInventory
{
    string Name { get; }
    CloudKind Cloud { get; }

    /// <summary>How this provider's SDK failures read as faults.</summary>
    IFaultClassifier Faults { get; }

    /// <exception cref="TargetUnreachableException">The target as a whole could not be reached.</exception>
    Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken);

    /// <summary>
    /// How many resources a sharded sweep splits this target by (the containers of an account, the storage accounts of
    /// subscriptions, the buckets of an AWS account), from one listing; null when that cannot be told cheaply.
    /// </summary>
    /// <exception cref="Exception">Whatever the listing fails with; the sweep then plans the target as one part.</exception>
    Task<int?> CountShardUnitsAsync(CancellationToken cancellationToken) => Task.FromResult<int?>(null);

    /// <summary>What this target can fix, with its own clients and credentials.</summary>
    IReadOnlyList<Remediation.IRemediator> Remediators => [];
}
