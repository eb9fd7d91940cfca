using System.Runtime.CompilerServices;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>Samples exactly the object an event named, within the same budgets and rules as a sweep.</summary>
public sealed class SingleObjectSampler(ContainerSampler inner, string key) : IContainerSampler
{
    public async IAsyncEnumerable<SampledObject> SampleAsync(IAuditSubject container, IObjectStore store,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        StoredObject? item;
        Fault? fault = null;
        try
        {
            item = await store.GetAsync(key, cancellationToken);
        }
        catch (ObjectStoreException e)
        {
            (item, fault) = (null, e.Fault);
        }
        if (fault is not null)
        {
            yield return new SampledObject(key, [SensitiveDataFindings.Unscanned(container.Cloud, container.Resource, store.Checks, key,
                $"the object could not be read ({fault.Reason})")],
                AuditState.NotAudited, fault);
        }
        // Deleted again before the event arrived: nothing to scan, nothing missed.
        else if (item is not null)
        {
            yield return await inner.ScanItemAsync(container, store, item, cancellationToken);
        }
    }
}
