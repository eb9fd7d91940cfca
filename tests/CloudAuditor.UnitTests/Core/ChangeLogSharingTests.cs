using CloudAuditor.Core.Engine;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudAuditor.UnitTests.Core;

/// <summary>Processes of one sweep sharing a change log's reading through one SQLite state file, each with a sharing of its own.</summary>
public sealed class ChangeLogSharingTests : IDisposable
{
    private const string Log = "https://acct.blob.core.windows.net/";
    private static readonly DateTimeOffset AsOf = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private static readonly ChangeReading Reading = new(new ChangeWindow(AsOf.AddHours(-24), AsOf.AddMinutes(45), Unused: null),
        new Dictionary<string, ChangedObjects>
        {
            ["exports"] = new([new StoredObject("2019/late.csv", 42, AsOf.AddMinutes(-10))], Seen: 3, AsOf.AddMinutes(45)),
        });

    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ca-sharing-{Guid.NewGuid():N}", "state.db");
    private readonly List<SqliteStateStore> _stores = [];
    private readonly FakeTimeProvider _time = new(AsOf.AddMinutes(50));

    private ChangeLogSharing Process(out SqliteStateStore store)
    {
        store = new SqliteStateStore(_path);
        _stores.Add(store);
        return new ChangeLogSharing(store, _time, NullLogger.Instance);
    }

    private ChangeLogSharing Process() => Process(out _);

    /// <summary>A log that counts its readings, and answers once <paramref name="gate"/> opens.</summary>
    private sealed class CountedLog(ChangeReading reading, Task? gate = null)
    {
        public int Readings;

        public async Task<ChangeReading> ReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Readings);
            if (gate is not null) await gate.WaitAsync(cancellationToken);
            return reading;
        }
    }

    /// <summary>Moves the fake clock on a step at a time (each poll's wait) until the task is done.</summary>
    private async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step, int steps = 1000)
    {
        for (var i = 0; i < steps && !task.IsCompleted; i++)
        {
            _time.Advance(step);
            await Task.Delay(2);
        }
        return await task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task The_first_process_reads_and_publishes_and_the_next_takes_the_published_reading_without_reading_the_log()
    {
        var (first, second) = (new CountedLog(Reading), new CountedLog(Reading));

        var read = await Process().ReadOnceAsync(Log, AsOf, first.ReadAsync, CancellationToken.None);
        var published = await Process().ReadOnceAsync(Log, AsOf, second.ReadAsync, CancellationToken.None);

        Assert.Equal((1, 0), (first.Readings, second.Readings));
        Assert.Equal(Reading.Window, published.Window);
        foreach (var lookup in new[] { read, published })
        {
            Assert.Equal(["2019/late.csv"], (await lookup.ForAsync("exports", CancellationToken.None))!.Objects.Select(o => o.Key));
            // A container the reading saw no change in: nothing changed there, not "unknown" (which would list it).
            Assert.Equal((0, Reading.Window.Through), await lookup.ForAsync("archive", CancellationToken.None) is { } quiet
                ? (quiet.Objects.Count, quiet.Through) : default);
        }
        // The same log as of a later segment is another reading.
        await Process().ReadOnceAsync(Log, AsOf.AddHours(1), second.ReadAsync, CancellationToken.None);
        Assert.Equal(1, second.Readings);
    }

    [Fact]
    public async Task A_process_waits_while_another_reads_and_takes_its_reading_once_published()
    {
        var gate = new TaskCompletionSource();
        var (reader, waiter) = (new CountedLog(Reading, gate.Task), new CountedLog(Reading));
        var reading = Process().ReadOnceAsync(Log, AsOf, reader.ReadAsync, CancellationToken.None);
        var waiting = Process().ReadOnceAsync(Log, AsOf, waiter.ReadAsync, CancellationToken.None);

        // A minute and more of reading: the reader renews its lease, the other keeps waiting and does not read.
        for (var second = 0; second < 90; second++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }
        Assert.False(waiting.IsCompleted);
        gate.SetResult();
        await reading;
        var published = await AdvanceUntilDoneAsync(waiting, TimeSpan.FromSeconds(1));

        Assert.Equal((1, 0), (reader.Readings, waiter.Readings));
        Assert.Equal(Reading.Window, published.Window);
    }

    [Fact]
    public async Task A_reader_that_died_elsewhere_is_replaced_once_its_lease_lapses_and_the_replacement_publishes()
    {
        var sharing = Process(out var store);
        await store.TryLeaseAsync(ChangeLogSharing.LeaseScope(Log, AsOf), "another-host/boot/ns/42/nonce", ChangeLogSharing.LeaseDuration,
            _time.GetUtcNow(), CancellationToken.None);
        var replacement = new CountedLog(Reading);

        var waiting = sharing.ReadOnceAsync(Log, AsOf, replacement.ReadAsync, CancellationToken.None);
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);
        await AdvanceUntilDoneAsync(waiting, TimeSpan.FromSeconds(1));

        Assert.Equal(1, replacement.Readings);
        Assert.True(_time.GetUtcNow() > AsOf.AddMinutes(50) + ChangeLogSharing.LeaseDuration);
        Assert.Equal(Reading.Window, await store.GetChangeWindowAsync(Log, AsOf, CancellationToken.None));
    }

    [Fact]
    public async Task A_process_that_waited_the_longest_wait_reads_the_log_itself()
    {
        var sharing = Process(out var store);
        var scope = ChangeLogSharing.LeaseScope(Log, AsOf);
        const string Slow = "another-host/boot/ns/42/nonce";
        var own = new CountedLog(Reading);

        // The other reader is alive (it keeps renewing) but never publishes.
        await store.TryLeaseAsync(scope, Slow, ChangeLogSharing.LeaseDuration, _time.GetUtcNow(), CancellationToken.None);
        var started = _time.GetUtcNow();
        var waiting = sharing.ReadOnceAsync(Log, AsOf, own.ReadAsync, CancellationToken.None);
        for (var i = 0; i < 1000 && !waiting.IsCompleted; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await store.TryLeaseAsync(scope, Slow, ChangeLogSharing.LeaseDuration, _time.GetUtcNow(), CancellationToken.None);
            await Task.Delay(2);
        }
        var lookup = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, own.Readings);
        // Not before the longest wait, and not much after it (the clock steps on a second at a time, whatever the waiter's pace).
        Assert.InRange(_time.GetUtcNow() - started, ChangeLogSharing.MaxWait, ChangeLogSharing.MaxWait + TimeSpan.FromSeconds(30));
        Assert.NotNull(await lookup.ForAsync("exports", CancellationToken.None));
    }

    [Fact]
    public async Task A_log_its_reader_could_not_use_is_not_tried_again_by_the_others()
    {
        var notUsed = ChangeReading.NotUsed("it holds more than 256 MiB since the last sampling");
        var (first, second) = (new CountedLog(notUsed), new CountedLog(Reading));

        await Process().ReadOnceAsync(Log, AsOf, first.ReadAsync, CancellationToken.None);
        var published = await Process().ReadOnceAsync(Log, AsOf, second.ReadAsync, CancellationToken.None);

        Assert.Equal((1, 0), (first.Readings, second.Readings));
        Assert.Equal("it holds more than 256 MiB since the last sampling", published.Window.Unused);
    }

    [Fact]
    public async Task A_state_store_that_cannot_coordinate_means_reading_here_not_losing_the_changes()
    {
        var sharing = Process(out var store);
        store.Dispose();
        var log = new CountedLog(Reading);

        var lookup = await sharing.ReadOnceAsync(Log, AsOf, log.ReadAsync, CancellationToken.None);

        Assert.Equal(1, log.Readings);
        Assert.Equal(["2019/late.csv"], (await lookup.ForAsync("exports", CancellationToken.None))!.Objects.Select(o => o.Key));
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
