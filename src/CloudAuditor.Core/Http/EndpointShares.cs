using System.Collections.Concurrent;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Http;

/// <summary>
/// How many processes send to an endpoint now, this one included, so that each takes its share of the endpoint's rate
/// (<see cref="RequestBudget"/>): Functions instances working shards of one storage account, or of one subscription, would
/// otherwise each send the whole rate. Each process says in the shared state (<see cref="IShareRegistry"/>) which of these
/// endpoints it uses, renewing its word every <see cref="Renewal"/> while it keeps sending, and reads back how many say so;
/// a word lapses after three renewals, so a killed instance stops counting within <see cref="Lapse"/>. Until the first count
/// comes back an endpoint counts one sender; a count that cannot be renewed stays as it was, with a warning.
/// Buckets are not shared: each is audited by one shard. The sweep sets <see cref="Current"/>; it flows like <see cref="RequestTally"/>.
/// </summary>
public sealed class EndpointShares(IShareRegistry registry, string member, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    public static readonly TimeSpan Renewal = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Lapse = Renewal * 3;

    private static readonly AsyncLocal<EndpointShares?> Flowing = new();

    private readonly ConcurrentDictionary<RequestEndpoint, Share> _shares = new();

    /// <summary>This process, as the registry knows it: one id for every sweep it runs.</summary>
    public static string ProcessMember { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>The shares of the sweep this code runs for; null (every endpoint its own) outside a sweep.</summary>
    public static EndpointShares? Current
    {
        get => Flowing.Value;
        set => Flowing.Value = value;
    }

    public static bool IsShared(EndpointKind kind) => kind is EndpointKind.StorageAccount or EndpointKind.ArmSubscription;

    /// <summary>The processes sending to <paramref name="endpoint"/>, as last counted; starts a renewal when one is due.</summary>
    public int Senders(RequestEndpoint endpoint)
    {
        if (!IsShared(endpoint.Kind)) return 1;
        var share = _shares.GetOrAdd(endpoint, _ => new Share());
        var now = time.GetUtcNow();
        if (share.RenewalDue(now)) share.LastRenewal = RenewAsync(endpoint, share, now);
        return share.Senders;
    }

    private async Task RenewAsync(RequestEndpoint endpoint, Share share, DateTimeOffset now)
    {
        try
        {
            var senders = await registry.ShareAsync($"{endpoint.Kind}:{endpoint.Name}", member, now + Lapse, now, CancellationToken.None);
            share.Counted(Math.Max(1, senders));
            RequestTally.NoteSenders(senders);
        }
#pragma warning disable CA1031 // The registry is the sweep's own state; if it cannot answer, the last count is the best there is.
        catch (Exception e)
#pragma warning restore CA1031
        {
            share.Failed();
            logger.LogWarning("Could not renew this process's share of {Endpoint}'s request rate ({Reason}); it keeps counting {Senders} sender(s)",
                endpoint.Name, e.Message, share.Senders);
        }
    }

    /// <summary>Waits for renewals in flight, so none outlives the state store they write to.</summary>
    public async ValueTask DisposeAsync() => await Task.WhenAll(_shares.Values.Select(share => share.LastRenewal));

    private sealed class Share
    {
        private readonly Lock _lock = new();
        private DateTimeOffset _renewed = DateTimeOffset.MinValue;
        private bool _renewing;

        public int Senders { get; private set; } = 1;

        /// <summary>The last renewal started (it never throws); set only by the caller <see cref="RenewalDue"/> chose.</summary>
        public Task LastRenewal { get; set; } = Task.CompletedTask;

        /// <summary>True for the one caller that is to renew now.</summary>
        public bool RenewalDue(DateTimeOffset now)
        {
            lock (_lock)
            {
                if (_renewing || now - _renewed < Renewal) return false;
                (_renewing, _renewed) = (true, now);
                return true;
            }
        }

        public void Counted(int senders)
        {
            lock (_lock) (Senders, _renewing) = (senders, false);
        }

        public void Failed()
        {
            lock (_lock) _renewing = false;
        }
    }
}
