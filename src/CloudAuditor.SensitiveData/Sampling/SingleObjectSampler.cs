using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>Samples exactly the object an event named, within the same budgets and rules as a sweep.</summary>
public sealed class SingleObjectSampler(ContainerSampler inner, string key) : IContainerSampler
{
    public async IAsyncEnumerable<Finding> SampleAsync(IAuditSubject container, IObjectStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await store.GetAsync(key, cancellationToken) is not { } item) yield break;
        foreach (var finding in await inner.ScanItemAsync(container, store, item, cancellationToken) ?? []) yield return finding;
    }
}
