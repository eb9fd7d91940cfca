using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Extraction;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// Reads a bounded sample of each container's objects (range reads for text, whole objects for archives within a
/// cap) under per-sweep budgets, and reports what the detectors find. Sensitive data in a publicly readable
/// container is critical whatever its type.
/// </summary>
public sealed class ContainerSampler(ContentScanner scanner, SamplingSettings settings, ILogger logger) : IContainerSampler
{
    /// <summary>Formats whose structure is at the end or spread through the file: a prefix of them cannot be parsed.</summary>
    private static readonly HashSet<string> NeedWholeObject = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".docx", ".xlsx", ".pptx", ".pdf", ".tar",
    };

    private int _objectsLeft = settings.MaxObjectsPerSweep;
    private long _bytesLeft = settings.MaxBytesPerSweep;
    private int _budgetReported;

    public static ContainerSampler Create(SamplingSettings settings, ILogger logger) =>
        new(new ContentScanner(Scanning.DetectorSet.Default, ExtractionLimits.Default with { MaxObjectBytes = Math.Max(settings.BytesPerObject, settings.MaxWholeObjectBytes) }), settings, logger);

    public async IAsyncEnumerable<Finding> SampleAsync(IAuditSubject container, IObjectStore store, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (listed, listError) = await ListAsync(store, cancellationToken);
        if (listError is not null)
        {
            yield return Unscanned(container, store, null, $"objects could not be listed ({listError})");
            yield break;
        }
        foreach (var item in SampleSelection.Choose(listed, settings.ObjectsPerContainer))
        {
            var findings = await ScanItemAsync(container, store, item, cancellationToken);
            if (findings is null) yield break;
            foreach (var finding in findings) yield return finding;
        }
    }

    /// <summary>One object within the budgets: whole for archives (up to the cap), a range otherwise.</summary>
    /// <returns>Null when the sweep's budget is spent.</returns>
    public async Task<IReadOnlyList<Finding>?> ScanItemAsync(IAuditSubject container, IObjectStore store, StoredObject item, CancellationToken cancellationToken)
    {
        var whole = NeedWholeObject.Contains(Path.GetExtension(item.Key));
        if (whole && item.Size > settings.MaxWholeObjectBytes)
            return [Unscanned(container, store, item.Key, $"{item.Size:N0} bytes, above the {settings.MaxWholeObjectBytes:N0}-byte cap for formats that must be read whole")];
        var length = whole ? item.Size : Math.Min(item.Size, settings.BytesPerObject);
        if (!Reserve(length)) return null;
        return await ScanObjectAsync(container, store, item, length, Exposure.IsPubliclyReadable(container), cancellationToken);
    }

    private async Task<IReadOnlyList<Finding>> ScanObjectAsync(IAuditSubject container, IObjectStore store, StoredObject item, long length, bool isPublic, CancellationToken cancellationToken)
    {
        ScanResult result;
        try
        {
            await using var stream = await store.OpenRangeAsync(item.Key, length, cancellationToken);
            result = await scanner.ScanAsync(stream, item.Key, cancellationToken);
        }
        catch (ObjectStoreException e)
        {
            return [Unscanned(container, store, item.Key, $"the object could not be read ({e.Message})")];
        }
        result.Truncated |= length < item.Size;
        var findings = SensitiveDataFindings.From(result, container.Cloud, container.Resource, store.Checks, item.Key);
        return isPublic ? findings.Select(InPublicContainer).ToList() : findings.ToList();
    }

    private static Finding InPublicContainer(Finding finding) => finding.Type != FindingType.SensitiveData ? finding : finding with
    {
        Severity = Severity.Critical,
        Detail = $"{finding.Detail.TrimEnd('.')}, in a container anyone can read.",
    };

    private bool Reserve(long bytes)
    {
        if (Interlocked.Decrement(ref _objectsLeft) >= 0 && Interlocked.Add(ref _bytesLeft, -bytes) >= 0) return true;
        if (Interlocked.Exchange(ref _budgetReported, 1) == 0)
            logger.LogWarning("Sampling budget of this sweep is spent ({Objects} objects, {Bytes} bytes); remaining containers are audited without content sampling",
                settings.MaxObjectsPerSweep, settings.MaxBytesPerSweep);
        return false;
    }

    private async Task<(List<StoredObject> Listed, string? Error)> ListAsync(IObjectStore store, CancellationToken cancellationToken)
    {
        var listed = new List<StoredObject>();
        try
        {
            await foreach (var item in store.ListAsync(settings.ListLimit, cancellationToken)) listed.Add(item);
            return (listed, null);
        }
        catch (ObjectStoreException e)
        {
            return (listed, e.Message);
        }
    }

    private static Finding Unscanned(IAuditSubject container, IObjectStore store, string? key, string reason) =>
        SensitiveDataFindings.Unscanned(container.Cloud, container.Resource, store.Checks, key, reason);
}
