using System.Collections.Concurrent;
using CloudAuditor.Core.Config;

namespace CloudAuditor.Core.Http;

/// <summary>
/// The one place that decides when a request may go to an endpoint (<see cref="RequestEndpoint"/>). Each endpoint has a
/// gate: a rate (sweep.requestRates, a one-second burst), and a pause set when the service throttles (429, 503) for as
/// long as it asked (Retry-After) or, when it did not say, 250 ms doubling while throttles continue; never longer than
/// 30 s. Requests for a paused endpoint wait instead of being throttled in turn, while other endpoints carry on, so one
/// hot account cannot slow the rest. One budget per process and rate setting, shared by all its sweeps; where other
/// processes send to the same storage account or subscription, each takes its share of the rate (<see cref="EndpointShares"/>).
/// The time waited is added to the sweep's <see cref="RequestTally"/>.
/// </summary>
public sealed class RequestBudget(RequestRates rates, TimeProvider time)
{
    public static readonly TimeSpan MaxPause = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly ConcurrentDictionary<(int, int, int), RequestBudget> ByRates = new();

    private readonly ConcurrentDictionary<RequestEndpoint, Gate> _gates = new();

    /// <summary>The process's budget for these rates.</summary>
    public static RequestBudget For(RequestRates rates) =>
        ByRates.GetOrAdd((rates.StorageAccount, rates.Bucket, rates.ArmSubscription), _ => new RequestBudget(rates, TimeProvider.System));

    /// <summary>Waits until the endpoint may take one more request.</summary>
    public async ValueTask WaitAsync(RequestEndpoint endpoint, CancellationToken cancellationToken)
    {
        var delay = Reserve(endpoint);
        if (delay <= TimeSpan.Zero) return;
        RequestTally.AddWait(delay);
        await Task.Delay(delay, time, cancellationToken);
    }

    /// <summary>The same wait for synchronous callers.</summary>
    public void Wait(RequestEndpoint endpoint, CancellationToken cancellationToken)
    {
        var delay = Reserve(endpoint);
        if (delay <= TimeSpan.Zero) return;
        RequestTally.AddWait(delay);
        cancellationToken.WaitHandle.WaitOne(delay);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Takes the endpoint's next turn: how long from now the request must wait for it. Where other processes send to the
    /// endpoint too (<see cref="EndpointShares"/>), this process's turns come as far apart as its share of the rate.
    /// </summary>
    public TimeSpan Reserve(RequestEndpoint endpoint) => GateOf(endpoint).Reserve(time.GetUtcNow(), EndpointShares.Current?.Senders(endpoint) ?? 1);

    /// <summary>
    /// What the service answered one attempt (null: no answer): counted into the sweep's <see cref="RequestTally"/>, and a
    /// throttling answer pauses the endpoint.
    /// </summary>
    public void Answered(RequestEndpoint endpoint, int? status, TimeSpan? retryAfter)
    {
        RequestTally.Count(status);
        GateOf(endpoint).Answered(status is 429 or 503, retryAfter, time.GetUtcNow());
    }

    private Gate GateOf(RequestEndpoint endpoint) => _gates.GetOrAdd(endpoint, e => new Gate(rates.PerSecond(e.Kind)));

    /// <summary>
    /// One endpoint's turns, as a virtual schedule: each request takes the next slot (senders/rate apart; a second's worth of
    /// this process's share may go at once), never before the pause ends. Reserving under a lock keeps concurrent requests in order.
    /// </summary>
    private sealed class Gate(int? perSecond)
    {
        private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

        private readonly Lock _lock = new();
        private DateTimeOffset _nextSlot = DateTimeOffset.MinValue;
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;
        private int _throttles;

        /// <param name="senders">Processes sending to the endpoint, this one included (at least 1).</param>
        public TimeSpan Reserve(DateTimeOffset now, int senders)
        {
            lock (_lock)
            {
                var earliest = now > _pausedUntil ? now : _pausedUntil;
                if (perSecond is not { } rate) return earliest - now;
                var interval = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * Math.Max(1, senders) / rate);
                var burst = interval < Second ? Second - interval : TimeSpan.Zero;
                // The generic cell rate algorithm: a request's theoretical time is the later of the next slot and now; it may go up
                // to a burst ahead of that time.
                var theoretical = _nextSlot > earliest ? _nextSlot : earliest;
                _nextSlot = theoretical + interval;
                var at = theoretical - burst > earliest ? theoretical - burst : earliest;
                return at - now;
            }
        }

        public void Answered(bool throttled, TimeSpan? retryAfter, DateTimeOffset now)
        {
            lock (_lock)
            {
                if (!throttled)
                {
                    _throttles = 0;
                    return;
                }
                var backoff = FirstBackoff * Math.Pow(2, Math.Min(_throttles++, 8));
                // What the service asked for is what it gets, even "0" (go again now); only silence earns the doubling backoff.
                var pause = retryAfter ?? backoff;
                if (pause > MaxPause) pause = MaxPause;
                if (now + pause > _pausedUntil) _pausedUntil = now + pause;
            }
        }
    }
}
