namespace CloudAuditor.Core.Engine;

/// <summary>Samples a container's objects for sensitive data; the engine calls it for each container a provider offers.</summary>
public interface IContainerSampler
{
    IAsyncEnumerable<Model.Finding> SampleAsync(Model.IAuditSubject container, IObjectStore store, CancellationToken cancellationToken);
}
