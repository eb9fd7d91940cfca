using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Remediation;

public sealed class EnforcementLeaseTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"ca-lease-{Guid.NewGuid():N}.db");
    private readonly List<SqliteStateStore> _stores = [];

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        File.Delete(_db);
    }

    /// <summary>Another process's connection to the same state file.</summary>
    private SqliteStateStore Store()
    {
        var store = new SqliteStateStore(_db);
        _stores.Add(store);
        return store;
    }

    /// <summary>A target whose inventory records when it ran and holds until released.</summary>
    private sealed class Target(string name, Task release, List<string> log) : ITargetInventory
    {
        public string Name => name;
        public CloudKind Cloud => CloudKind.Azure;
        public IFaultClassifier Faults => GenericFaults.Instance;

        public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
        {
            lock (log) log.Add("start");
            await release.WaitAsync(cancellationToken);
            lock (log) log.Add("end");
        }
    }

    private EnforcementLease Leased(ITargetInventory target, TimeSpan wait) => new(target, Store(), wait, TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task A_second_enforcer_of_the_same_target_starts_only_after_the_first_has_finished()
    {
        var log = new List<string>();
        var releaseFirst = new TaskCompletionSource();
        var first = Leased(new Target("prod", releaseFirst.Task, log), TimeSpan.FromSeconds(30)).InventoryAsync(null!, CancellationToken.None);
        while (true) { lock (log) if (log.Count == 1) break; await Task.Delay(10); }
        var second = Leased(new Target("prod", Task.CompletedTask, log), TimeSpan.FromSeconds(30)).InventoryAsync(null!, CancellationToken.None);
        await Task.Delay(1500);
        lock (log) Assert.Equal(["start"], log);
        releaseFirst.SetResult();
        await Task.WhenAll(first, second);
        Assert.Equal(["start", "end", "start", "end"], log);
    }

    [Fact]
    public async Task A_lease_not_released_within_the_wait_makes_the_target_busy_a_transient_fault()
    {
        var held = Store();
        Assert.Null(await held.TryLeaseAsync("enforce:azure:prod", "someone-else", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, CancellationToken.None));
        var e = await Assert.ThrowsAsync<TargetUnreachableException>(() =>
            Leased(new Target("prod", Task.CompletedTask, []), TimeSpan.Zero).InventoryAsync(null!, CancellationToken.None));
        Assert.Equal(FaultKind.Busy, e.Fault.Kind);
        Assert.True(e.Fault.Transient);
        Assert.Contains("someone-else", e.Message);
    }

    [Fact]
    public async Task A_lease_held_by_a_process_of_this_machine_that_no_longer_runs_is_taken_over_at_once()
    {
        // A real process of this machine, killed: its pid is gone, and its holder name says it was here.
        using var gone = System.Diagnostics.Process.Start("sleep", "30");
        gone.Kill();
        await gone.WaitForExitAsync();
        var parts = LeaseHolder.New().Split('/');
        parts[3] = gone.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dead = string.Join('/', parts);
        Assert.True(LeaseHolder.IsGoneFromHere(dead));
        Assert.Null(await Store().TryLeaseAsync("enforce:azure:prod", dead, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow, CancellationToken.None));

        var log = new List<string>();
        await Leased(new Target("prod", Task.CompletedTask, log), TimeSpan.Zero).InventoryAsync(null!, CancellationToken.None);
        Assert.Equal(["start", "end"], log);
    }

    [Theory]
    [InlineData("someone-else")]
    [InlineData("othermachine/boot/pid:[1]/1/nonce")]
    [InlineData("oldhost/4242/0123456789abcdef")]
    public void Holders_of_other_machines_or_names_it_cannot_read_are_never_judged_gone(string holder) =>
        Assert.False(LeaseHolder.IsGoneFromHere(holder));

    [Fact]
    public void A_holder_of_this_machine_whose_process_still_runs_is_not_gone()
    {
        var parts = LeaseHolder.New().Split('/');
        parts[3] = "1";
        Assert.False(LeaseHolder.IsGoneFromHere(string.Join('/', parts)));
    }

    [Fact]
    public async Task Different_targets_do_not_wait_for_each_other()
    {
        var log = new List<string>();
        var never = new TaskCompletionSource();
        _ = Leased(new Target("a", never.Task, log), TimeSpan.FromSeconds(30)).InventoryAsync(null!, CancellationToken.None);
        await Leased(new Target("b", Task.CompletedTask, log), TimeSpan.Zero).InventoryAsync(null!, CancellationToken.None);
        never.SetResult();
    }
}
