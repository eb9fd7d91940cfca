using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// Receives what a provider reads, as it reads it, so large estates stream instead of piling up in memory. Every
/// resource in scope reaches it once: as a subject (audited, or partially when some settings failed), or as not audited.
/// </summary>
public interface IInventorySink
{
    ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken);

    /// <summary>A resource in scope that could not be audited, and why; the provider goes on with the next one.</summary>
    ValueTask NotAuditedAsync(ResourceRef resource, Fault fault, CancellationToken cancellationToken);

    /// <summary>A listing stopped after <paramref name="listed"/> resources of <paramref name="kind"/>: whatever came after is unknown.</summary>
    ValueTask ListingStoppedAsync(ResourceRef scope, string kind, int listed, Fault fault, CancellationToken cancellationToken);

    /// <summary>The part of the target this sweep audits; a listing scope marked sharded yields only the resources it owns.</summary>
    Shard Shard => Shard.Whole;

    /// <summary>Offers a container's objects for content sampling (after the container itself was sent as a subject).</summary>
    ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken);
}
