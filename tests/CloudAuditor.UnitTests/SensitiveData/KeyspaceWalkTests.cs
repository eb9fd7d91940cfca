using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.SensitiveData.Sampling;

namespace CloudAuditor.UnitTests.SensitiveData;

public class KeyspaceWalkTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Three years of daily folders, ten objects a day, each written on its day: 10,950 keys.</summary>
    private static SortedKeyStore DateKeyed()
    {
        var objects = new List<StoredObject>();
        for (var day = 0; day < 3 * 365; day++)
        {
            var date = Start.AddDays(day);
            for (var i = 0; i < 10; i++)
                objects.Add(new StoredObject($"{date:yyyy}/{date:MM}/{date:dd}/part-{i:00}.json", 100, date.AddMinutes(i)));
        }
        return new SortedKeyStore(objects);
    }

    private static SamplingSettings Settings => new();

    [Fact]
    public async Task The_newest_folder_of_a_date_keyed_container_is_reached_in_one_call_per_level()
    {
        var store = DateKeyed();
        var sample = await new KeyspaceWalk(store, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);

        Assert.Equal("2026/12/30/", sample.NewestBranch);
        Assert.Null(sample.Cut);
        var chosen = SampleSelection.Choose(sample.Candidates, 20);
        Assert.Equal(10, chosen.Count(o => o.Key.StartsWith("2026/12/30/", StringComparison.Ordinal)));
        Assert.True(chosen.Count(o => !o.Key.StartsWith("2026/12/", StringComparison.Ordinal)) >= 3, "older folders are sampled too");
        Assert.InRange(store.Calls, 4, Settings.ListCalls);
        Assert.Equal(store.Calls, sample.ListCalls);
        Assert.InRange(sample.NamesListed, 1, Settings.ListLimit);
    }

    [Fact]
    public async Task Older_branches_are_chosen_at_random_so_successive_sweeps_see_different_old_data()
    {
        var store = DateKeyed();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var sweep = 0; sweep < 10; sweep++)
        {
            var sample = await new KeyspaceWalk(store, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);
            foreach (var o in SampleSelection.Choose(sample.Candidates, 20)) seen.Add(o.Key[..8]);
        }
        Assert.True(seen.Count >= 10, $"months sampled over ten sweeps: {string.Join(", ", seen)}");
    }

    [Fact]
    public async Task Memory_is_a_few_candidates_per_page_however_many_keys_are_listed()
    {
        var flat = new SortedKeyStore(Enumerable.Range(0, 50_000).Select(i => new StoredObject($"log-{i:000000}.txt", 10, Start.AddSeconds(i))));
        var sample = await new KeyspaceWalk(flat, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);

        Assert.True(sample.Candidates.Count <= sample.ListCalls * 20, $"{sample.Candidates.Count} candidates from {sample.ListCalls} calls");
        Assert.InRange(sample.NamesListed, 1, Settings.ListLimit);
    }

    [Fact]
    public async Task A_flat_level_larger_than_the_budget_is_reported_as_cut_with_the_setting_to_raise()
    {
        var flat = new SortedKeyStore(Enumerable.Range(0, 50_000).Select(i => new StoredObject($"log-{i:000000}.txt", 10, Start.AddSeconds(i))));
        var sample = await new KeyspaceWalk(flat, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);

        var cut = Assert.IsType<Fault>(sample.Cut);
        Assert.Equal(FaultKind.Limit, cut.Kind);
        Assert.Contains("sampling.listCalls", cut.Reason, StringComparison.Ordinal);
        Assert.Contains("later keys were not reachable", cut.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_container_costs_one_call_and_every_object_is_a_candidate()
    {
        var store = new SortedKeyStore([new("a.txt", 5, Start), new("b.csv", 5, Start), new("empty.txt", 0, Start), new("photo.png", 5, Start)]);
        var sample = await new KeyspaceWalk(store, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);

        Assert.Equal(1, store.Calls);
        Assert.Equal(["a.txt", "b.csv"], sample.Candidates.Select(o => o.Key).Order(StringComparer.Ordinal));
        Assert.Null(sample.Cut);
    }

    [Fact]
    public async Task A_listing_that_fails_part_way_keeps_what_was_listed_and_reports_the_gap()
    {
        var store = DateKeyed();
        store.FailAfter = 3;
        var sample = await new KeyspaceWalk(store, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None);

        var cut = Assert.IsType<Fault>(sample.Cut);
        Assert.Equal(FaultKind.Throttled, cut.Kind);
        Assert.Contains("after 3 list calls", cut.Reason, StringComparison.Ordinal);
        Assert.Equal(3, sample.ListCalls);
    }

    [Fact]
    public async Task A_listing_refused_at_the_first_call_is_the_store_s_fault()
    {
        var store = DateKeyed();
        store.FailAfter = 0;
        await Assert.ThrowsAsync<ObjectStoreException>(() => new KeyspaceWalk(store, Settings, keepPerPage: 20).WalkAsync(CancellationToken.None));
    }

    /// <summary>Lists sorted keys by level with '/' as the delimiter, as Blob Storage and S3 do.</summary>
    private sealed class SortedKeyStore(IEnumerable<StoredObject> objects) : IObjectStore
    {
        private readonly StoredObject[] _objects = [.. objects.OrderBy(o => o.Key, StringComparer.Ordinal)];

        public int Calls { get; private set; }

        public int FailAfter { get; set; } = int.MaxValue;

        public ContentChecks Checks => ContentChecks.AzureBlob;

        public Task<ListingPage> ListLevelAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
        {
            if (Calls >= FailAfter) throw new ObjectStoreException(new Fault(FaultKind.Throttled, "503 ServerBusy"));
            Calls++;
            var entries = Level(prefix).SkipWhile(e => continuation is not null && string.CompareOrdinal(e.Name, continuation) <= 0).Take(pageSize + 1)
                .ToList();
            var page = entries.Take(pageSize).ToList();
            return Task.FromResult(new ListingPage(page.Where(e => e.Object is not null).Select(e => e.Object!).ToList(),
                page.Where(e => e.Object is null).Select(e => e.Name).ToList(), entries.Count > pageSize ? page[^1].Name : null));
        }

        private IEnumerable<(string Name, StoredObject? Object)> Level(string prefix)
        {
            string? lastPrefix = null;
            foreach (var o in _objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var slash = o.Key.IndexOf('/', prefix.Length);
                if (slash < 0)
                {
                    yield return (o.Key, o);
                    continue;
                }
                var child = o.Key[..(slash + 1)];
                if (child == lastPrefix) continue;
                lastPrefix = child;
                yield return (child, null);
            }
        }

        public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenRangeAsync(string key, long length, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
