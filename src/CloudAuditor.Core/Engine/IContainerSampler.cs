using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Samples a container's objects for sensitive data; the engine calls it for each container a provider offers.</summary>
public interface IContainerSampler
{
    /// <summary>Each object chosen, with its findings and how far it was read; a failed listing is one entry without a key.</summary>
    IAsyncEnumerable<SampledObject> SampleAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken);
}
