using System.Net.Sockets;
using System.Runtime.CompilerServices;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Core;

public class ResourceFanOutTests
{
    /// <summary>Records what the fan-out reports, as the engine's sink would receive it.</summary>
    private sealed class Recorder : IInventorySink
    {
        public List<(string Name, Fault Fault)> NotAudited { get; } = [];
        public List<(int Listed, Fault Fault)> Stopped { get; } = [];

        public ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask NotAuditedAsync(ResourceRef resource, Fault fault, CancellationToken cancellationToken)
        {
            lock (NotAudited) NotAudited.Add((resource.Name, fault));
            return ValueTask.CompletedTask;
        }

        public ValueTask ListingStoppedAsync(ResourceRef scope, string kind, int listed, Fault fault, CancellationToken cancellationToken)
        {
            Stopped.Add((listed, fault));
            return ValueTask.CompletedTask;
        }

        public ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private static readonly ListingScope Scope = new(new ResourceRef("acct", "storage-account", "acct"), CoverageKinds.Container);

    private static ResourceRef Resource(int i) => new($"c{i}", "blob-container", $"c{i}");

    private static async IAsyncEnumerable<int> Listing(int count, Exception? thenFail = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
        if (thenFail is not null) throw thenFail;
    }

    [Fact]
    public async Task One_failing_resource_is_reported_by_name_and_the_others_are_audited()
    {
        var audited = new List<int>();
        var sink = new Recorder();
        await ResourceFanOut.RunAsync(Listing(10), Scope, Resource, (i, _) =>
        {
            if (i == 4) throw new System.Xml.XmlException("unexpected end of file at line 1");
            lock (audited) audited.Add(i);
            return Task.CompletedTask;
        }, sink, GenericFaults.Instance, concurrency: 3, CancellationToken.None);
        Assert.Equal(9, audited.Count);
        var (name, fault) = Assert.Single(sink.NotAudited);
        Assert.Equal(("c4", FaultKind.Malformed), (name, fault.Kind));
        Assert.DoesNotContain("line 1", fault.Reason);
        Assert.Empty(sink.Stopped);
    }

    [Fact]
    public async Task A_listing_that_fails_part_way_leaves_what_it_yielded_audited_and_the_rest_unknown()
    {
        var audited = 0;
        var sink = new Recorder();
        await ResourceFanOut.RunAsync(Listing(7, new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused))), Scope, Resource,
            (_, _) => { Interlocked.Increment(ref audited); return Task.CompletedTask; }, sink, GenericFaults.Instance, concurrency: 2, CancellationToken.None);
        Assert.Equal(7, audited);
        var (listed, fault) = Assert.Single(sink.Stopped);
        Assert.Equal(7, listed);
        Assert.Equal("no connection (connection refused)", fault.Reason);
    }

    [Fact]
    public async Task After_three_refused_connections_the_waiting_queue_is_reported_not_attempted_without_trying()
    {
        var attempts = 0;
        var sink = new Recorder();
        await ResourceFanOut.RunAsync(Listing(50), Scope, Resource, (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new HttpRequestException("refused", new SocketException((int)SocketError.ConnectionRefused));
        }, sink, GenericFaults.Instance, concurrency: 1, CancellationToken.None);
        Assert.Equal(3, attempts);
        Assert.Equal(50, sink.NotAudited.Count);
        Assert.Equal(47, sink.NotAudited.Count(n => n.Fault.Reason.StartsWith("not attempted: the endpoint stopped answering", StringComparison.Ordinal)));
        Assert.All(sink.NotAudited, n => Assert.True(n.Fault.Transient));
    }

    [Fact]
    public async Task A_request_timeout_is_a_fault_of_its_resource_never_a_cancellation_of_the_sweep()
    {
        var sink = new Recorder();
        await ResourceFanOut.RunAsync(Listing(2), Scope, Resource, (i, _) => i == 0 ? throw new TaskCanceledException("timed out") : Task.CompletedTask,
            sink, GenericFaults.Instance, concurrency: 1, CancellationToken.None);
        Assert.Equal(FaultKind.TimedOut, Assert.Single(sink.NotAudited).Fault.Kind);
    }

    [Fact]
    public async Task The_sweeps_own_cancellation_still_cancels()
    {
        using var cancel = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ResourceFanOut.RunAsync(Listing(100), Scope, Resource, async (i, token) =>
        {
            if (i == 3) await cancel.CancelAsync();
            token.ThrowIfCancellationRequested();
        }, new Recorder(), GenericFaults.Instance, concurrency: 1, cancel.Token));
    }
}
