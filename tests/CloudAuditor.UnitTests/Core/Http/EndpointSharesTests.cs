using CloudAuditor.Core.Config;
using CloudAuditor.Core.Http;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CloudAuditor.UnitTests.Core.Http;

public sealed class EndpointSharesTests
{
    private static readonly RequestEndpoint Account = new(EndpointKind.StorageAccount, "prod");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));

    /// <summary>A registry that says how many senders there are, or fails, and records what it was told.</summary>
    private sealed class Registry(int senders) : IShareRegistry
    {
        public int Senders { get; set; } = senders;
        public bool Fails { get; set; }
        public List<(string Scope, string Member, DateTimeOffset Until)> Told { get; } = [];

        public Task<int> ShareAsync(string scope, string member, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
        {
            Told.Add((scope, member, until));
            return Fails ? Task.FromException<int>(new InvalidOperationException("table unreachable")) : Task.FromResult(Senders);
        }
    }

    [Fact]
    public async Task An_endpoint_counts_its_senders_once_told_and_renews_only_when_due()
    {
        var registry = new Registry(senders: 3);
        await using var shares = new EndpointShares(registry, "me", _time, NullLogger.Instance);

        // The first use tells the registry; the registry's answer is what the next uses see.
        shares.Senders(Account);
        await shares.DisposeAsync();
        Assert.Equal(3, shares.Senders(Account));
        Assert.Equal(("StorageAccount:prod", "me", _time.GetUtcNow() + EndpointShares.Lapse), Assert.Single(registry.Told));

        registry.Senders = 1;
        _time.Advance(EndpointShares.Renewal - TimeSpan.FromSeconds(1));
        Assert.Equal(3, shares.Senders(Account));
        Assert.Single(registry.Told);
        _time.Advance(TimeSpan.FromSeconds(1));
        shares.Senders(Account);
        await shares.DisposeAsync();
        Assert.Equal(1, shares.Senders(Account));
        Assert.Equal(2, registry.Told.Count);
    }

    [Fact]
    public async Task A_registry_that_cannot_answer_leaves_the_last_count()
    {
        var registry = new Registry(senders: 2);
        await using var shares = new EndpointShares(registry, "me", _time, NullLogger.Instance);
        shares.Senders(Account);
        await shares.DisposeAsync();

        registry.Fails = true;
        _time.Advance(EndpointShares.Renewal);
        shares.Senders(Account);
        await shares.DisposeAsync();

        Assert.Equal(2, shares.Senders(Account));
        Assert.Equal(2, registry.Told.Count);
    }

    [Fact]
    public async Task Buckets_and_hosts_are_not_shared_and_never_told()
    {
        var registry = new Registry(senders: 5);
        await using var shares = new EndpointShares(registry, "me", _time, NullLogger.Instance);

        Assert.Equal(1, shares.Senders(new RequestEndpoint(EndpointKind.Bucket, "logs")));
        Assert.Equal(1, shares.Senders(new RequestEndpoint(EndpointKind.Host, "127.0.0.1:9000")));
        await shares.DisposeAsync();
        Assert.Empty(registry.Told);
    }

    [Fact]
    public async Task A_budget_gives_each_sender_its_share_of_the_rate()
    {
        var budget = new RequestBudget(new RequestRates { StorageAccount = 10 }, _time);
        var registry = new Registry(senders: 2);
        await using var shares = new EndpointShares(registry, "me", _time, NullLogger.Instance);
        EndpointShares.Current = shares;
        try
        {
            shares.Senders(Account);
            await shares.DisposeAsync();

            // 10 per second between two senders: five at once (this one's second), then 200 ms apart.
            for (var i = 0; i < 5; i++) Assert.Equal(TimeSpan.Zero, budget.Reserve(Account));
            Assert.Equal(TimeSpan.FromMilliseconds(200), budget.Reserve(Account));
            Assert.Equal(TimeSpan.FromMilliseconds(400), budget.Reserve(Account));
        }
        finally
        {
            EndpointShares.Current = null;
        }
    }
}
