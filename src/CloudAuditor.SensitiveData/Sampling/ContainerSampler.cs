using System.Runtime.CompilerServices;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Extraction;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// Reads a bounded sample of each container's objects (range reads for text, whole objects for archives within a
/// cap) under per-sweep budgets, and reports what the detectors find. Sensitive data in a publicly readable
/// container is critical whatever its type. With a <see cref="SamplingMemory"/>, sampling is incremental: new and
/// changed objects first, a re-check share of the others, none an event already read; the watermark moves only after a
/// container was sampled without a cut or a gap. Where the store keeps a change log (Azure's change feed), the changed
/// objects come from it, from anywhere in the keyspace, and only the re-checks are listed for.
/// </summary>
public sealed class ContainerSampler(ContentScanner scanner, SamplingSettings settings, ILogger logger, SamplingMemory? memory = null) : IContainerSampler
{
    /// <summary>Formats whose structure is at the end or spread through the file: a prefix of them cannot be parsed.</summary>
    private static readonly HashSet<string> NeedWholeObject = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".docx", ".xlsx", ".pptx", ".pdf", ".tar",
    };

    private int _objectsLeft = settings.MaxObjectsPerSweep;
    private long _bytesLeft = settings.MaxBytesPerSweep;
    private int _budgetReported;

    public SamplingTally Tally { get; } = new();

    /// <param name="history">Makes sampling incremental (when <see cref="SamplingSettings.Incremental"/>); null samples afresh and remembers nothing.</param>
    public static ContainerSampler Create(SamplingSettings settings, ILogger logger, Core.State.ISamplingHistory? history = null) =>
        new(new ContentScanner(Scanning.DetectorSet.Default, ExtractionLimits.Default with { MaxObjectBytes = Math.Max(settings.BytesPerObject,
            settings.MaxWholeObjectBytes) },
            ScanMemoryBudget.ForProcess(settings.MemoryBudgetBytes)), settings, logger,
            history is not null && settings.Incremental ? new SamplingMemory(history, logger) : null);

    /// <summary>
    /// The newest changes asked of a change log: three times the sample, since some of them were deleted or rewritten since, or
    /// already read by an event's scan, and the sample still fills from the rest; never fewer than 64.
    /// </summary>
    private int ChangesWanted => Math.Max(64, 3 * settings.ObjectsPerContainer);

    /// <summary>A range read of a larger object: the sample is its start, by design (coverage says so, the audit stays complete).</summary>
    private static readonly Fault SampledStart = new(FaultKind.Limit, "only the first sampling.bytesPerObject bytes were read");

    public async IAsyncEnumerable<SampledObject> SampleAsync(IAuditSubject container, IObjectStore store,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var walkStarted = DateTimeOffset.UtcNow;
        var since = memory is null ? null : await memory.WatermarkAsync(container.Resource.Id, cancellationToken);
        // A change log names every change, wherever it is in the keyspace: then only re-checks need a (short) walk.
        var changes = since is { } from ? await store.ChangesSinceAsync(from, ChangesWanted, cancellationToken) : null;
        var (keyspace, listFault) = await WalkAsync(store, olderOnly: changes is not null, cancellationToken);
        if (keyspace is null && changes is null)
        {
            yield return new SampledObject(null, [Unscanned(container, store, null, $"objects could not be listed ({listFault!.Reason})")],
                AuditState.NotAudited, listFault);
            yield break;
        }
        keyspace ??= new KeyspaceSample([], "", 0, 0, listFault);
        Tally.CountListCalls(keyspace.ListCalls);
        if (changes is not null) Tally.CountFromChangeLog();
        logger.LogDebug("Sampling {Container}: {Changes} changes in the change log, {Calls} list calls, {Names} names, newest branch '{Newest}'",
            container.Resource.Name, changes?.Seen, keyspace.ListCalls, keyspace.NamesListed, keyspace.NewestBranch);
        if (keyspace.Cut is { } cut) yield return new SampledObject(null, [], AuditState.Partial, cut);
        var candidates = changes is null ? keyspace.Candidates : changes.Objects.Concat(keyspace.Candidates);
        var (changed, rechecks, unchanged) = since is { } watermark
            ? SampleSelection.ChooseChanged(candidates, settings.ObjectsPerContainer, watermark, settings.RecheckShare)
            : (SampleSelection.Choose(candidates, settings.ObjectsPerContainer), [], 0);
        Tally.CountChosen(changed.Count, rechecks.Count, unchanged);
        // The watermark may pass only what was listed and read: a cut listing, a gap or a spent budget leaves it where it was.
        var complete = keyspace.Cut is null;
        var budgetSpent = false;
        foreach (var chosen in changed.Concat(rechecks))
        {
            // A change log's entry is as the object was then: its current version (or its deletion since) decides.
            var (item, lookup) = changes is null || !changes.Objects.Contains(chosen)
                ? (chosen, null) : await CurrentAsync(container, store, chosen, cancellationToken);
            if (lookup is not null)
            {
                complete &= lookup.Fault is not { IsGap: true };
                yield return lookup;
                continue;
            }
            if (item is null) continue;
            if (memory is not null && changed.Contains(chosen) && await memory.WasReadAsync(container.Resource.Id, item, cancellationToken))
            {
                Tally.CountAlreadyRead();
                continue;
            }
            var sampled = budgetSpent ? NotSampled(item.Key) : await ScanItemAsync(container, store, item, cancellationToken);
            budgetSpent = sampled.Fault == BudgetSpent;
            complete &= sampled.Fault is null or { IsGap: false } && !budgetSpent;
            yield return sampled;
        }
        if (memory is not null && complete)
        {
            var sampledUpTo = changes is null || changes.Through > walkStarted ? walkStarted : changes.Through;
            await memory.AdvanceAsync(container.Resource.Id, sampledUpTo, cancellationToken);
        }
    }

    /// <returns>The object as it is now (null: deleted since), or its unscanned result when it could not be looked up.</returns>
    private static async Task<(StoredObject? Item, SampledObject? Failure)> CurrentAsync(IAuditSubject container, IObjectStore store, StoredObject item,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await store.GetAsync(item.Key, cancellationToken), null);
        }
        catch (ObjectStoreException e)
        {
            return (null, Unreadable(container, store, item.Key, e.Fault));
        }
    }

    /// <summary>One object within the budgets: whole for archives (up to the cap), a range otherwise.</summary>
    /// <returns>Not audited, for the <see cref="BudgetSpent"/> fault, once the sweep's budget is spent.</returns>
    public async Task<SampledObject> ScanItemAsync(IAuditSubject container, IObjectStore store, StoredObject item, CancellationToken cancellationToken)
    {
        var whole = NeedWholeObject.Contains(Path.GetExtension(item.Key));
        if (whole && item.Size > settings.MaxWholeObjectBytes)
        {
            var reason = $"{item.Size:N0} bytes, above the {settings.MaxWholeObjectBytes:N0}-byte cap for formats that must be read whole";
            return new SampledObject(item.Key, [Unscanned(container, store, item.Key, reason)], AuditState.NotAudited, new Fault(FaultKind.Limit, reason));
        }
        var length = whole ? item.Size : Math.Min(item.Size, settings.BytesPerObject);
        if (!Reserve(length)) return NotSampled(item.Key);
        return await ScanObjectAsync(container, store, item, length, Exposure.IsPubliclyReadable(container), cancellationToken);
    }

    private async Task<SampledObject> ScanObjectAsync(IAuditSubject container, IObjectStore store, StoredObject item, long length, bool isPublic,
        CancellationToken cancellationToken)
    {
        ScanResult result;
        try
        {
            await using var stream = await store.OpenRangeAsync(item.Key, length, cancellationToken);
            result = await scanner.ScanAsync(stream, item.Key, cancellationToken, isPrefix: length < item.Size);
        }
#pragma warning disable CA1031 // An object that could not be read (refused, or its stream broke off) is reported unscanned; the others go on.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return Unreadable(container, store, item.Key, e is ObjectStoreException stored ? stored.Fault : FaultClassifier.Classify(e, cancellationToken));
        }
        result.Truncated |= length < item.Size;
        Tally.CountRead();
        if (memory is not null) await memory.RecordReadAsync(container.Resource.Id, item, cancellationToken);
        var findings = SensitiveDataFindings.From(result, container.Cloud, container.Resource, store.Checks, item.Key);
        var cut = result.Issues.FirstOrDefault(i => i.Kind != ScanIssueKind.Skipped) is { } issue ? new Fault(FaultKind.Limit, issue.Reason)
            : length < item.Size ? SampledStart : null;
        return new SampledObject(item.Key, isPublic ? findings.Select(InPublicContainer).ToList() : findings.ToList(),
            cut is null ? AuditState.Audited : AuditState.Partial, cut);
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
            logger.LogWarning("Sampling budget of this sweep is spent ({Objects} objects, {Bytes} bytes); remaining containers are audited without content " +
                "sampling",
                settings.MaxObjectsPerSweep, settings.MaxBytesPerSweep);
        return false;
    }

    private async Task<(KeyspaceSample? Sample, Fault? Fault)> WalkAsync(IObjectStore store, bool olderOnly, CancellationToken cancellationToken)
    {
        try
        {
            var walk = new KeyspaceWalk(store, settings, settings.ObjectsPerContainer);
            return (await (olderOnly ? walk.WalkOlderAsync(cancellationToken) : walk.WalkAsync(cancellationToken)), null);
        }
        catch (ObjectStoreException e)
        {
            return (null, e.Fault);
        }
    }

    private static readonly Fault BudgetSpent =
        new(FaultKind.Limit, "the sweep's sampling budget (sampling.maxObjectsPerSweep, maxBytesPerSweep) was spent");

    private static SampledObject NotSampled(string key) => new(key, [], AuditState.NotAudited, BudgetSpent);

    private static SampledObject Unreadable(IAuditSubject container, IObjectStore store, string key, Fault fault) =>
        new(key, [Unscanned(container, store, key, $"the object could not be read ({fault.Reason})")], AuditState.NotAudited, fault);

    private static Finding Unscanned(IAuditSubject container, IObjectStore store, string? key, string reason) =>
        SensitiveDataFindings.Unscanned(container.Cloud, container.Resource, store.Checks, key, reason);
}
