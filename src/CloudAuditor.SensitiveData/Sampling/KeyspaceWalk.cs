using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// Finds sampling candidates across a store's whole keyspace within <see cref="SamplingSettings.ListCalls"/> list calls and
/// <see cref="SamplingSettings.ListLimit"/> names, keeping only the newest few scannable objects of each page, so memory
/// does not grow with the number of objects listed. Two kinds of branch are walked with '/' as the delimiter:
/// <list type="number">
/// <item>the newest: each level from the top is listed to its end and the walk goes down into its last child in name
/// order, where date-keyed layouts (<c>yyyy/mm/dd/</c>, <c>dt=…/</c>) keep the newest data: a container of millions of
/// keys costs about one call per level to reach its newest folder;</item>
/// <item>random older ones: a few other children met on the way down (a uniform reservoir per level) are walked one page
/// per level, a random child at a time, with the calls left.</item>
/// </list>
/// A level too large for the budget (many keys without '/') is read only as far as its first pages, and the walk says so.
/// </summary>
public sealed class KeyspaceWalk(IObjectStore store, SamplingSettings settings, int keepPerPage)
{
    private const int PageSize = 1000;

    /// <summary>Random branches remembered from the top level; deeper levels give one each.</summary>
    private const int TopLevelBranches = 8;

    private int _calls;
    private int _names;
    private Fault? _cut;
    private readonly List<StoredObject> _candidates = [];

    /// <exception cref="ObjectStoreException">The store could not be listed at all.</exception>
    public async Task<KeyspaceSample> WalkAsync(CancellationToken cancellationToken)
    {
        var (newest, others) = await WalkNewestAsync(cancellationToken);
        foreach (var start in others) await WalkRandomAsync(start, cancellationToken);
        return new KeyspaceSample(_candidates, newest, _calls, _names, _cut);
    }

    /// <summary>
    /// Only a random branch from the top, one page per level: unchanged objects to re-check, when a change log has named the
    /// changed ones and the newest branch need not be walked.
    /// </summary>
    /// <exception cref="ObjectStoreException">The store could not be listed at all.</exception>
    public async Task<KeyspaceSample> WalkOlderAsync(CancellationToken cancellationToken)
    {
        await WalkRandomAsync("", cancellationToken);
        return new KeyspaceSample(_candidates, "", _calls, _names, _cut);
    }

    /// <summary>The newest branch may spend all but a quarter of each budget; the rest is for older branches.</summary>
    private async Task<(string Newest, List<string> Others)> WalkNewestAsync(CancellationToken cancellationToken)
    {
        var (callLimit, nameLimit) = (settings.ListCalls - (settings.ListCalls / 4), settings.ListLimit - (settings.ListLimit / 4));
        var others = new List<string>();
        var prefix = "";
        while (true)
        {
            var (last, levelNames, continuation) = ((string?)null, 0, (string?)null);
            var branches = new Reservoir<string>(prefix.Length == 0 ? TopLevelBranches : 1);
            do
            {
                if (await PageAsync(prefix, continuation, callLimit, nameLimit, cancellationToken) is not { } page)
                {
                    _cut ??= new Fault(FaultKind.Limit, $"the listing budget (sampling.listCalls {settings.ListCalls}, sampling.listLimit " +
                        $"{settings.ListLimit}) ran out in '{prefix}' after {levelNames:N0} names; its later keys were not reachable for sampling");
                    return (prefix, others);
                }
                levelNames += page.Objects.Count + page.Prefixes.Count;
                foreach (var child in page.Prefixes)
                {
                    if (last is not null) branches.Offer(last);
                    last = child;
                }
                continuation = page.Continuation;
            }
            while (continuation is not null);
            others.AddRange(branches.Items);
            if (last is null) return (prefix, others);
            prefix = last;
        }
    }

    /// <summary>One page per level, down a random child each time; stops quietly when the budget is spent (older data is a bonus).</summary>
    private async Task WalkRandomAsync(string prefix, CancellationToken cancellationToken)
    {
        for (string? next = prefix; next is not null;)
        {
            if (await PageAsync(next, null, settings.ListCalls, settings.ListLimit, cancellationToken) is not { } page) return;
            var children = new Reservoir<string>(1);
            foreach (var child in page.Prefixes) children.Offer(child);
            next = children.Items.Count == 0 ? null : children.Items[0];
        }
    }

    /// <summary>One list call within the limits, its newest scannable objects kept; null when the budget is spent or a later call failed.</summary>
    private async Task<ListingPage?> PageAsync(string prefix, string? continuation, int callLimit, int nameLimit, CancellationToken cancellationToken)
    {
        if (_calls >= callLimit || _names >= nameLimit || _cut is { IsGap: true }) return null;
        ListingPage page;
        try
        {
            page = await store.ListLevelAsync(prefix, continuation, Math.Min(PageSize, nameLimit - _names), cancellationToken);
        }
        catch (ObjectStoreException e) when (_calls > 0)
        {
            _cut = new Fault(e.Fault.Kind,
                $"listing '{prefix}' failed after {_calls} list calls ({e.Fault.Reason}); the sample was chosen from what was listed");
            return null;
        }
        _calls++;
        _names += page.Objects.Count + page.Prefixes.Count;
        _candidates.AddRange(page.Objects.Where(SampleSelection.IsScannable)
            .OrderByDescending(o => o.LastModified ?? DateTimeOffset.MinValue).ThenBy(o => o.Key, StringComparer.Ordinal).Take(keepPerPage));
        return page;
    }
}
