using CloudAuditor.Core.Checks;
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
        await store.UpsertFindingAsync(finding, first, CancellationToken.None);
        var again = await store.UpsertFindingAsync(finding with { Status = FindingStatus.Remediated }, first.AddDays(1), CancellationToken.None);
        Assert.Equal(first, again.FirstSeen);
        var stored = await store.GetFindingAsync(finding.Fingerprint, CancellationToken.None);
        Assert.Equal(first.AddDays(1), stored!.LastSeen);
        Assert.Equal(FindingStatus.Remediated, stored.Status);
        Assert.Null(await store.GetFindingAsync("0000", CancellationToken.None));
        var listed = new List<FindingRecord>();
        await foreach (var record in store.ListFindingsAsync(CancellationToken.None)) listed.Add(record);
        Assert.Equal(finding.CheckId, Assert.Single(listed, r => r.Fingerprint == finding.Fingerprint).CheckId);
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
}
