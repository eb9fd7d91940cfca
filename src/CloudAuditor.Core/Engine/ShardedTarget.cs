using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>One shard of a target, as the engine and the ledger see it: named by the shard's id, inventorying only what the shard owns.</summary>
public sealed class ShardedTarget(ITargetInventory target, Shard shard) : ITargetInventory
{
    public string Name => shard.IdOf(target.Name);
    public CloudKind Cloud => target.Cloud;
    public IFaultClassifier Faults => target.Faults;
    public IReadOnlyList<Remediation.IRemediator> Remediators => target.Remediators;

    public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) =>
        target.InventoryAsync(new ShardSink(sink, shard), cancellationToken);

    private sealed class ShardSink(IInventorySink inner, Shard shard) : IInventorySink
    {
        public Shard Shard => shard;

        public ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken) => inner.SubjectAsync(subject, cancellationToken);

        public ValueTask NotAuditedAsync(ResourceRef resource, Fault fault, CancellationToken cancellationToken) =>
            inner.NotAuditedAsync(resource, fault, cancellationToken);

        public ValueTask ListingStoppedAsync(ResourceRef scope, string kind, int listed, Fault fault, CancellationToken cancellationToken) =>
            inner.ListingStoppedAsync(scope, kind, listed, fault, cancellationToken);

        public ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken) =>
            inner.ObjectsAsync(container, store, cancellationToken);
    }
}
