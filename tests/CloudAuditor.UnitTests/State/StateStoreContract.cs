using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.State;

/// <summary>What every state store must do; run against SQLite here and Azure Table storage (Azurite) in the integration tests.</summary>
public abstract class StateStoreContract
{
    protected abstract Task<IStateStore> OpenAsync();

    /// <summary>A second, independent handle on the store <see cref="OpenAsync"/> opened last: another process of the same sweep.</summary>
    protected abstract Task<IStateStore> OpenAgainAsync();

    /// <summary>The endpoint shares the store holds, lapsed or not, read from its own tables.</summary>
    protected abstract Task<int> StoredSharesAsync();

    private static Finding AFinding(string container = "data") => CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container) with
    {
        Resource = new ResourceRef($"https://acct.blob.core.windows.net/{container}-{Guid.NewGuid():N}", "blob-container", container),
    }).Single();

    [Fact]
    public async Task Findings_keep_their_first_sighting_and_update_the_rest()
    {
        var store = await OpenAsync();
        var finding = AFinding();
        var first = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        await store.UpsertFindingAsync(finding, first, null, CancellationToken.None);
        var again = await store.UpsertFindingAsync(finding with { Status = FindingStatus.Remediated }, first.AddDays(1), null, CancellationToken.None);
        Assert.Equal(first, again.FirstSeen);
        var stored = await store.GetFindingAsync(finding.Fingerprint, CancellationToken.None);
        Assert.Equal(first.AddDays(1), stored!.LastSeen);
        Assert.Equal(FindingStatus.Remediated, stored.Status);
        Assert.Null(await store.GetFindingAsync("0000", CancellationToken.None));
        var listed = new List<FindingRecord>();
        await foreach (var record in store.ListFindingsAsync(CancellationToken.None)) listed.Add(record);
        Assert.Equal(finding.CheckId, Assert.Single(listed, r => r.Fingerprint == finding.Fingerprint).CheckId);

        var retention = AFinding("classed") with { Evidence = new Dictionary<string, string> { ["dataClass"] = "pii" } };
        await store.UpsertFindingAsync(retention, first, null, CancellationToken.None);
        Assert.Equal("pii", (await store.GetFindingAsync(retention.Fingerprint, CancellationToken.None))!.DataClass);
        var exempt = AFinding("exempt") with
        {
            Status = FindingStatus.Exempt, Evidence = new Dictionary<string, string> { ["exemptUntil"] = "2027-06-30", ["exemptReason"] = "static site" },
        };
        await store.UpsertFindingAsync(exempt, first, null, CancellationToken.None);
        var kept = (await (await OpenAgainAsync()).GetFindingAsync(exempt.Fingerprint, CancellationToken.None))!;
        Assert.Equal((new DateOnly(2027, 6, 30), "static site"), (kept.ExemptUntil, kept.ExemptReason));
        Assert.Null(stored.DataClass);
    }

    [Fact]
    public async Task The_journal_keeps_the_prior_state_and_follows_the_status()
    {
        var store = await OpenAsync();
        var id = $"rem-20261123000000-{Guid.NewGuid().ToString("N")[..8]}";
        var created = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await store.AddRemediationAsync(new RemediationRecord
        {
            Id = id,
            Target = "prod",
            CheckId = "azure.container.public-access",
            Fingerprint = "ab12",
            ResourceId = "https://acct/c",
            Action = "set to None",
            PriorState = "{\"PublicAccess\":\"Blob\"}",
            NewState = "{\"PublicAccess\":\"None\"}",
            Status = RemediationStatus.Planned,
            CreatedAt = created,
        }, CancellationToken.None);
        await store.UpdateRemediationAsync(id, RemediationStatus.Applied, null, created.AddSeconds(1), CancellationToken.None);
        await store.UpdateRemediationAsync(id, RemediationStatus.Verified, "verified", created.AddSeconds(2), CancellationToken.None);

        var record = await store.GetRemediationAsync(id, CancellationToken.None);
        Assert.Equal(RemediationStatus.Verified, record!.Status);
        Assert.Equal("{\"PublicAccess\":\"Blob\"}", record.PriorState);
        Assert.Equal(created, record.CreatedAt);
        Assert.Equal(created.AddSeconds(2), record.UpdatedAt);
        Assert.Equal("verified", record.Detail);
        Assert.Null(await store.GetRemediationAsync("rem-none", CancellationToken.None));
    }

    [Fact]
    public async Task The_notification_log_is_per_owner_and_fingerprint()
    {
        var store = await OpenAsync();
        var at = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var fingerprint = Guid.NewGuid().ToString("N");
        await store.RecordNotificationAsync("Ada@Contoso.example", fingerprint, at, CancellationToken.None);
        Assert.Equal(at, await store.LastNotifiedAsync("ada@contoso.example", fingerprint, CancellationToken.None));
        Assert.Null(await store.LastNotifiedAsync("bob@contoso.example", fingerprint, CancellationToken.None));
        await store.RecordNotificationAsync("ada@contoso.example", fingerprint, at.AddHours(25), CancellationToken.None);
        Assert.Equal(at.AddHours(25), await store.LastNotifiedAsync("ada@contoso.example", fingerprint, CancellationToken.None));
    }

    [Fact]
    public async Task A_lease_goes_to_one_holder_until_it_is_released_or_lapses()
    {
        var store = await OpenAsync();
        var other = await OpenAgainAsync();
        var scope = $"enforce:{Guid.NewGuid():N}";
        var now = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
        Assert.Null(await store.TryLeaseAsync(scope, "a", TimeSpan.FromMinutes(5), now, CancellationToken.None));
        var held = await other.TryLeaseAsync(scope, "b", TimeSpan.FromMinutes(5), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal("a", held!.Holder);
        Assert.Equal(now.AddMinutes(5), held.ExpiresAt);
        Assert.Null(await store.TryLeaseAsync(scope, "a", TimeSpan.FromMinutes(5), now.AddMinutes(2), CancellationToken.None));
        Assert.NotNull(await other.TryLeaseAsync(scope, "b", TimeSpan.FromMinutes(5), now.AddMinutes(6), CancellationToken.None));
        Assert.Null(await other.TryLeaseAsync(scope, "b", TimeSpan.FromMinutes(5), now.AddMinutes(8), CancellationToken.None));
        await store.ReleaseLeaseAsync(scope, "a", CancellationToken.None);
        Assert.NotNull(await store.TryLeaseAsync(scope, "a", TimeSpan.FromMinutes(5), now.AddMinutes(9), CancellationToken.None));
        await other.ReleaseLeaseAsync(scope, "b", CancellationToken.None);
        Assert.Null(await store.TryLeaseAsync(scope, "a", TimeSpan.FromMinutes(5), now.AddMinutes(9), CancellationToken.None));
    }

    [Fact]
    public async Task Senders_of_an_endpoint_count_while_their_word_holds_and_each_once()
    {
        var store = await OpenAsync();
        var other = await OpenAgainAsync();
        var scope = $"StorageAccount:{Guid.NewGuid():N}";
        var now = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var lapse = TimeSpan.FromSeconds(45);

        Assert.Equal(1, await store.ShareAsync(scope, "instance-a", now + lapse, now, CancellationToken.None));
        Assert.Equal(2, await other.ShareAsync(scope, "instance-b", now + lapse, now, CancellationToken.None));
        // A renewal is the same sender, not another; another scope is counted apart.
        Assert.Equal(2, await store.ShareAsync(scope, "instance-a", now.AddSeconds(15) + lapse, now.AddSeconds(15), CancellationToken.None));
        Assert.Equal(1, await store.ShareAsync(scope + "-other", "instance-a", now + lapse, now, CancellationToken.None));
        // instance-b stopped renewing (killed): its word lapses and it no longer counts, and its row is gone; a word of its
        // given again later counts again.
        Assert.Equal(1, await store.ShareAsync(scope, "instance-a", now.AddSeconds(50) + lapse, now.AddSeconds(50), CancellationToken.None));
        Assert.Equal(2, await other.ShareAsync(scope, "instance-b", now.AddSeconds(60) + lapse, now.AddSeconds(60), CancellationToken.None));
        Assert.Equal(3, await StoredSharesAsync());
        // Later still, only the member that renews is stored (with the other scope's, whose word lapsed but was not counted since).
        Assert.Equal(1, await store.ShareAsync(scope, "instance-a", now.AddMinutes(5) + lapse, now.AddMinutes(5), CancellationToken.None));
        Assert.Equal(2, await StoredSharesAsync());
    }

    [Fact]
    public async Task A_published_change_reading_is_read_back_whole_by_another_process_and_replaced_or_forgotten_later()
    {
        var (store, other) = (await OpenAsync(), await OpenAgainAsync());
        var log = $"https://acct-{Guid.NewGuid():N}.blob.core.windows.net/";
        var asOf = new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
        var window = new ChangeWindow(asOf.AddHours(-25), asOf.AddMinutes(45), Unused: null);
        // 400 keys of 200 characters: more than one Table property (or row) can hold, so the store must split and join them.
        var big = new ChangedObjects([.. Enumerable.Range(0, 400).Select(i => new StoredObject($"{i:000}/{new string('k', 196)}", i, asOf.AddMinutes(-i)))],
            Seen: 1234, window.Through);
        var small = new ChangedObjects([new StoredObject("2019/late.csv", 42, asOf.AddMinutes(-5))], Seen: 1, window.Through);

        Assert.Null(await other.GetChangeWindowAsync(log, asOf, CancellationToken.None));
        await store.PublishChangesAsync(log, asOf, new ChangeReading(window, new Dictionary<string, ChangedObjects> { ["big"] = big, ["small"] = small }),
            CancellationToken.None);

        Assert.Equal(window, await other.GetChangeWindowAsync(log, asOf, CancellationToken.None));
        Assert.Null(await other.GetChangeWindowAsync(log, asOf.AddHours(1), CancellationToken.None));
        Assert.Null(await other.GetChangeWindowAsync(log + "other/", asOf, CancellationToken.None));
        var read = (await other.GetChangesAsync(log, asOf, "big", CancellationToken.None))!;
        Assert.Equal((big.Seen, big.Through), (read.Seen, read.Through));
        Assert.Equal(big.Objects, read.Objects);
        Assert.Equal(small.Objects, (await other.GetChangesAsync(log, asOf, "small", CancellationToken.None))!.Objects);
        Assert.Null(await other.GetChangesAsync(log, asOf, "quiet", CancellationToken.None));

        // Published again as of the same segment (a reader that lost its lease): the new reading replaces the old one whole.
        await other.PublishChangesAsync(log, asOf, new ChangeReading(window, new Dictionary<string, ChangedObjects> { ["small"] = small }),
            CancellationToken.None);
        Assert.Null(await store.GetChangesAsync(log, asOf, "big", CancellationToken.None));
        Assert.NotNull(await store.GetChangesAsync(log, asOf, "small", CancellationToken.None));

        // A reading published later keeps the day before it and forgets what is older.
        var notUsed = ChangeReading.NotUsed("it holds more than 256 MiB since the last sampling");
        await store.PublishChangesAsync(log, asOf.AddHours(20), notUsed, CancellationToken.None);
        Assert.NotNull(await other.GetChangeWindowAsync(log, asOf, CancellationToken.None));
        await store.PublishChangesAsync(log, asOf.AddHours(25), notUsed, CancellationToken.None);
        Assert.Null(await other.GetChangeWindowAsync(log, asOf, CancellationToken.None));
        Assert.Null(await other.GetChangesAsync(log, asOf, "small", CancellationToken.None));
        Assert.Equal(notUsed.Window, await other.GetChangeWindowAsync(log, asOf.AddHours(20), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_holders_racing_for_a_free_lease_get_it_exactly_once()
    {
        var stores = new[] { await OpenAsync(), await OpenAgainAsync() };
        var scope = $"enforce:{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            stores[i % 2].TryLeaseAsync(scope, $"holder-{i}", TimeSpan.FromMinutes(5), now, CancellationToken.None)));
        Assert.Single(results, r => r is null);
    }

    [Fact]
    public async Task The_change_budget_of_a_sweep_holds_across_concurrent_processes()
    {
        var stores = new[] { await OpenAsync(), await OpenAgainAsync() };
        var sweep = $"sweep-{Guid.NewGuid():N}";
        var counted = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => stores[i % 2].TryCountChangeAsync(sweep, 7, CancellationToken.None)));
        Assert.Equal(7, counted.Count(c => c));
        await stores[0].UncountChangeAsync(sweep, CancellationToken.None);
        Assert.True(await stores[1].TryCountChangeAsync(sweep, 7, CancellationToken.None));
        Assert.False(await stores[1].TryCountChangeAsync(sweep, 7, CancellationToken.None));
        Assert.False(await stores[0].TryCountChangeAsync($"sweep-{Guid.NewGuid():N}", 0, CancellationToken.None));
    }

    [Fact]
    public async Task A_sweep_plan_records_each_shard_once_and_keeps_its_first_result()
    {
        var store = await OpenAsync();
        var sweep = $"sweep-{Guid.NewGuid():N}";
        var planned = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        string[] shards = [.. Enumerable.Range(0, 130).Select(i => $"target-a#{i}/130"), "target-b"];
        await store.PlanSweepAsync(sweep, shards, planned, planned.AddHours(2), CancellationToken.None);
        await store.PlanSweepAsync(sweep, ["other"], planned.AddDays(1), planned.AddDays(2), CancellationToken.None);

        Assert.True(await store.CompleteShardAsync(sweep, new ShardResult("target-b", 4, 9, 2, Complete: true), planned.AddMinutes(5),
            CancellationToken.None));
        Assert.False(await store.CompleteShardAsync(sweep, new ShardResult("target-b", 0, 0, 0, Complete: false, "gone"), planned.AddMinutes(6),
            CancellationToken.None));

        var record = Assert.IsType<SweepRecord>(await (await OpenAgainAsync()).GetSweepAsync(sweep, CancellationToken.None));
        Assert.Equal(planned.AddHours(2), record.Deadline);
        Assert.Equal(131, record.Shards.Count);
        var done = Assert.Single(record.Shards, s => s.Done);
        Assert.Equal(new ShardResult("target-b", 4, 9, 2, Complete: true), done.Result);
        Assert.Equal(planned.AddMinutes(5), done.DoneAt);
        Assert.Equal(130, record.Pending.Count());
        Assert.Null(await store.GetSweepAsync($"sweep-{Guid.NewGuid():N}", CancellationToken.None));
    }

    [Fact]
    public async Task A_sweep_closes_exactly_once_however_many_shards_finish_together()
    {
        var stores = new[] { await OpenAsync(), await OpenAgainAsync() };
        var sweep = $"sweep-{Guid.NewGuid():N}";
        var now = DateTimeOffset.UtcNow;
        await stores[0].PlanSweepAsync(sweep, ["a", "b"], now, now.AddHours(1), CancellationToken.None);
        Assert.Contains(sweep, await stores[1].ListOpenSweepsAsync(CancellationToken.None));

        var closes = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => stores[i % 2].TryCloseSweepAsync(sweep, now, CancellationToken.None)));

        Assert.Single(closes, c => c);
        Assert.False(await stores[0].TryCloseSweepAsync(sweep, now.AddMinutes(1), CancellationToken.None));
        Assert.DoesNotContain(sweep, await stores[1].ListOpenSweepsAsync(CancellationToken.None));
        Assert.NotNull((await stores[0].GetSweepAsync(sweep, CancellationToken.None))!.ClosedAt);
    }

    [Fact]
    public async Task Notices_of_a_sweep_come_back_grouped_by_owner_and_a_rerun_shard_adds_no_duplicate()
    {
        var store = await OpenAsync();
        var sweep = $"sweep-{Guid.NewGuid():N}";
        var findings = Enumerable.Range(0, 6).Select(i => AFinding($"c{i}") with { Owner = i % 2 == 0 ? "alice@example.com" : "bob@example.com" }).ToList();
        foreach (var finding in findings.Concat(findings)) await store.AddNoticeAsync(sweep, finding, CancellationToken.None);
        await store.AddNoticeAsync($"sweep-{Guid.NewGuid():N}", findings[0], CancellationToken.None);

        var notices = new List<Finding>();
        await foreach (var notice in store.ListNoticesAsync(sweep, CancellationToken.None)) notices.Add(notice);

        Assert.Equal(6, notices.Count);
        Assert.Equal(2, notices.Select(n => n.Owner).Chunk(3).Count(chunk => chunk.Distinct().Count() == 1));
        Assert.Equal(findings.Select(f => f.Fingerprint).Order(), notices.Select(n => n.Fingerprint).Order());
        Assert.Equal(findings[1].Title, notices.Single(n => n.Fingerprint == findings[1].Fingerprint).Title);
    }

    [Fact]
    public async Task Sampling_history_keeps_a_watermark_and_forgets_object_reads_it_passes()
    {
        var store = await OpenAsync();
        var container = $"https://acct.blob.core.windows.net/c-{Guid.NewGuid():N}";
        var t0 = new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero);
        Assert.Null(await store.WatermarkAsync(container, CancellationToken.None));

        await store.RecordObjectReadAsync(container, "2026/12/01/a.json", t0.AddMinutes(1), CancellationToken.None);
        await store.RecordObjectReadAsync(container, "2026/12/02/b.json", t0.AddDays(1), CancellationToken.None);
        Assert.True(await store.WasReadAsync(container, "2026/12/01/a.json", t0.AddMinutes(1), CancellationToken.None));
        Assert.False(await store.WasReadAsync(container, "2026/12/01/a.json", t0.AddMinutes(2), CancellationToken.None));
        Assert.False(await store.WasReadAsync($"{container}x", "2026/12/01/a.json", t0.AddMinutes(1), CancellationToken.None));

        await store.SetWatermarkAsync(container, t0.AddHours(1), CancellationToken.None);

        var again = await OpenAgainAsync();
        Assert.Equal(t0.AddHours(1), await again.WatermarkAsync(container, CancellationToken.None));
        Assert.Equal(t0.AddHours(1), (await again.ListWatermarksAsync(CancellationToken.None))[container]);
        Assert.False(await again.WasReadAsync(container, "2026/12/01/a.json", t0.AddMinutes(1), CancellationToken.None));
        Assert.True(await again.WasReadAsync(container, "2026/12/02/b.json", t0.AddDays(1), CancellationToken.None));
    }

    [Fact]
    public async Task Status_changes_are_kept_as_history_with_the_event_time_that_opened_them()
    {
        var store = await OpenAsync();
        var t0 = new DateTimeOffset(2031, 3, 30, 8, 0, 0, TimeSpan.Zero);
        var exposure = AFinding("hist") with { Status = FindingStatus.Fail };
        var happened = t0.AddMinutes(-7);
        await store.UpsertFindingAsync(exposure, t0, happened, CancellationToken.None);
        await store.UpsertFindingAsync(exposure, t0.AddDays(1), null, CancellationToken.None);
        await store.UpsertFindingAsync(exposure with { Status = FindingStatus.Remediated }, t0.AddDays(2), null, CancellationToken.None);
        await store.UpsertFindingAsync(exposure with { Status = FindingStatus.Error }, t0.AddDays(3), null, CancellationToken.None);
        await store.UpsertFindingAsync(exposure, t0.AddDays(4), null, CancellationToken.None);
        await store.UpsertFindingAsync(exposure with { Status = FindingStatus.Pass }, t0.AddDays(40), null, CancellationToken.None);
        var fixedAtOnce = AFinding("once") with { Status = FindingStatus.Remediated };
        await store.UpsertFindingAsync(fixedAtOnce, t0.AddDays(5), null, CancellationToken.None);

        var history = new List<FindingTransition>();
        await foreach (var change in (await OpenAgainAsync()).ListTransitionsAsync(t0, CancellationToken.None))
            if (change.Fingerprint == exposure.Fingerprint || change.Fingerprint == fixedAtOnce.Fingerprint) history.Add(change);

        Assert.Equal([(TransitionKind.Opened, t0), (TransitionKind.Remediated, t0.AddDays(2)), (TransitionKind.Opened, t0.AddDays(4)),
            (TransitionKind.Opened, t0.AddDays(5)), (TransitionKind.Remediated, t0.AddDays(5)), (TransitionKind.Resolved, t0.AddDays(40))],
            history.Select(h => (h.Kind, h.At)));
        Assert.Equal(happened, history[0].EventTime);
        Assert.Equal(exposure.CheckId, history[0].CheckId);
        Assert.Equal(exposure.Severity, history[0].Severity);
        Assert.Equal(exposure.Resource.Id, history[0].ResourceId);
        var later = new List<FindingTransition>();
        await foreach (var change in store.ListTransitionsAsync(t0.AddDays(30), CancellationToken.None))
            if (change.Fingerprint == exposure.Fingerprint) later.Add(change);
        Assert.Equal(TransitionKind.Resolved, Assert.Single(later).Kind);
    }
}
