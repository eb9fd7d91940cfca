using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Receives what a provider reads, as it reads it, so large estates stream instead of piling up in memory.</summary>
public interface IInventorySink
{
    ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken);

    /// <summary>A resource that could not be read; the provider goes on with the next one.</summary>
    ValueTask ErrorAsync(Finding error, CancellationToken cancellationToken);

    /// <summary>Offers a container's objects for content sampling (after the container itself was sent as a subject).</summary>
    ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken);
}
