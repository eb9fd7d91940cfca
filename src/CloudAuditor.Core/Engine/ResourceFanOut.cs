using System.Threading.Channels;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// Audits what a listing yields (containers of an account, buckets of an AWS account) with bounded concurrency, so
/// that a failure stays with its resource: a resource that fails is reported not audited by name and the others go on;
/// a listing that fails part-way leaves what it yielded audited and reports the rest as unknown; and once the endpoint
/// refuses connections again and again, the queue still waiting is reported "not attempted" at once instead of each
/// request running out its retries.
/// </summary>
public static class ResourceFanOut
{
    private const int TripAfterRefusals = 3;

    public static async Task RunAsync<T>(
        IAsyncEnumerable<T> listing, ListingScope scope, Func<T, ResourceRef> resourceOf, Func<T, CancellationToken, Task> audit,
        IInventorySink sink, IFaultClassifier faults, int concurrency, CancellationToken cancellationToken)
    {
        var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(concurrency * 2) { SingleWriter = true });
        var breaker = new Breaker(scope.Kind);
        var workers = Enumerable.Range(0, concurrency).Select(_ => WorkAsync()).ToList();
        var listed = 0;
        Fault? stopped = null;
        try
        {
            await foreach (var item in listing.WithCancellation(cancellationToken))
            {
                listed++;
                if (scope.Sharded && !sink.Shard.Owns(resourceOf(item).Name)) continue;
                await queue.Writer.WriteAsync(item, cancellationToken);
            }
        }
#pragma warning disable CA1031 // Whatever ends a listing is classified and reported; only the sweep's own cancellation propagates.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            stopped = FaultClassifier.Classify(e, cancellationToken, faults);
        }
        finally
        {
            queue.Writer.Complete();
        }
        await Task.WhenAll(workers);
        if (stopped is not null) await sink.ListingStoppedAsync(scope.Resource, scope.Kind, listed, stopped, cancellationToken);

        async Task WorkAsync()
        {
            await foreach (var item in queue.Reader.ReadAllAsync(cancellationToken))
            {
                if (breaker.Open is { } open)
                {
                    await sink.NotAuditedAsync(resourceOf(item), open, cancellationToken);
                    continue;
                }
                try
                {
                    await audit(item, cancellationToken);
                    breaker.Succeeded();
                }
#pragma warning disable CA1031 // A resource's failure is classified and reported; the other resources go on.
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
                {
                    var fault = FaultClassifier.Classify(e, cancellationToken, faults);
                    breaker.Failed(fault);
                    await sink.NotAuditedAsync(resourceOf(item), fault, cancellationToken);
                }
            }
        }
    }

    /// <summary>Opens after consecutive refused connections; any success closes it again.</summary>
    private sealed class Breaker(string kind)
    {
        private readonly Lock _gate = new();
        private int _refusals;

        public Fault? Open { get; private set; }

        public void Succeeded()
        {
            lock (_gate) _refusals = 0;
        }

        public void Failed(Fault fault)
        {
            lock (_gate)
            {
                _refusals = fault.Kind == FaultKind.Unreachable ? _refusals + 1 : 0;
                if (_refusals >= TripAfterRefusals && Open is null)
                    Open = new Fault(FaultKind.Unreachable, $"not attempted: the endpoint stopped answering while {kind}s were audited ({fault.Reason})");
            }
        }
    }
}
