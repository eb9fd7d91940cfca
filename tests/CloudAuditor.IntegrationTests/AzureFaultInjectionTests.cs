using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// Faults injected between the auditor and Azure Storage (an Azurite of the test's own behind a loopback proxy): the
/// sweep either covers everything as it would without the fault, or says exactly what it missed.
/// </summary>
public sealed class AzureFaultInjectionTests : IAsyncLifetime
{
    private PrivateAzurite _azurite = null!;
    private FaultProxy _proxy = null!;
    private readonly List<string> _public = [];
    private readonly List<string> _private = [];

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        _proxy = new FaultProxy(_azurite.BlobPort);
        var service = new BlobServiceClient(_azurite.ConnectionString);
        for (var i = 0; i < 10; i++)
        {
            var name = $"c{i:00}-{(i < 6 ? "open" : "closed")}";
            var container = service.GetBlobContainerClient(name);
            await container.CreateAsync(i < 6 ? PublicAccessType.BlobContainer : PublicAccessType.None);
            await container.UploadBlobAsync("people.csv", BinaryData.FromString("name,email\nAda,ada@example.com\n"));
            (i < 6 ? _public : _private).Add(name);
        }
    }

    public async Task DisposeAsync()
    {
        _proxy.Dispose();
        await _azurite.DisposeAsync();
    }

    private AuditorConfig Config(int maxRetries = 5) => new()
    {
        Sweep = new SweepSettings { MaxRetries = maxRetries, RequestTimeoutSeconds = 10 },
        Azure = [new AzureTarget { Name = "azurite", ConnectionString = PrivateAzurite.ConnectionStringVia(_proxy.Port) }],
    };

    private static HashSet<(string, string, FindingStatus)> Outcomes(IEnumerable<Finding> findings) =>
        findings.Select(f => (f.Fingerprint, f.CheckId, f.Status)).ToHashSet();

    [Fact]
    public async Task Throttling_30_percent_with_retry_after_gives_the_same_fingerprints_and_every_public_container_proven()
    {
        var (clean, cleanSummary) = await Sweeps.RunAsync(Config());
        Assert.True(cleanSummary.Coverage.Complete);

        _proxy.Rule = FaultProxy.ThrottleFirstAttempts(0.3, "ServerBusy");
        var (throttled, summary) = await Sweeps.RunAsync(Config());

        Assert.True(_proxy.Injected > 10, $"only {_proxy.Injected} requests were throttled");
        // Every throttled answer reached the summary's tally, and the retries were counted as requests.
        Assert.Equal(_proxy.Injected, summary.Requests!.Throttled);
        Assert.True(summary.Requests.Requests > _proxy.Injected);
        Assert.True(summary.Coverage.Complete, string.Join("; ", summary.Coverage.Lines()));
        Assert.Equal(Outcomes(clean), Outcomes(throttled));
        var proven = throttled.Where(f => f.CheckId == "azure.container.public-access" && f.Evidence?.GetValueOrDefault("anonymousProbe") == "allowed").Select(f
            => f.Resource.Container);
        Assert.Equal(_public.Order(), proven.Order());
    }

    [Fact]
    public async Task A_throttling_answer_pauses_the_whole_account_for_as_long_as_it_asks_and_the_sweep_then_completes()
    {
        var arrivals = new List<(DateTime At, bool Throttled)>();
        _proxy.Rule = request =>
        {
            lock (arrivals)
            {
                // The twelfth request, mid-sweep, while other containers' requests are under way: Azure's ServerBusy with a 2 s wait.
                var throttle = arrivals.Count == 11;
                arrivals.Add((DateTime.UtcNow, throttle));
                return throttle ? InjectedFault.Throttle(503, "ServerBusy") with { RetryAfter = "2" } : null;
            }
        };
        var (_, summary) = await Sweeps.RunAsync(Config());

        Assert.True(summary.Coverage.Complete, string.Join("; ", summary.Coverage.Lines()));
        var throttledAt = arrivals.Single(a => a.Throttled).At;
        // Requests already sent when the answer came may still arrive just after it; none is sent during the pause.
        var duringPause = arrivals.Where(a => a.At > throttledAt.AddMilliseconds(200) && a.At < throttledAt.AddMilliseconds(1900)).ToList();
        Assert.True(duringPause.Count == 0, $"{duringPause.Count} request(s) reached the throttled account during its pause");
        Assert.Contains(arrivals, a => a.At >= throttledAt.AddMilliseconds(1900));
        Assert.True(summary.Requests!.Waited >= TimeSpan.FromSeconds(1.5), $"waited only {summary.Requests.Waited}");
    }

    [Fact]
    public async Task Malformed_xml_in_one_containers_blob_listing_leaves_exactly_that_container_not_audited()
    {
        // A public container: its anonymous probe lists its blobs first (a private one is not probed, so not listed without sampling).
        var broken = _public[1];
        _proxy.Rule = request => request.Url!.AbsolutePath.EndsWith($"/{broken}", StringComparison.Ordinal)
            && request.Url.Query.Contains("comp=list", StringComparison.Ordinal)
            && request.Headers["Authorization"] is not null ? InjectedFault.MalformedXml : null;
        var (findings, summary) = await Sweeps.RunAsync(Config(maxRetries: 0));

        var unreadable = Assert.Single(findings, f => f.CheckId == "azure.container.unreadable");
        Assert.Equal(broken, unreadable.Resource.Container);
        Assert.Contains("not valid XML", unreadable.Detail);
        var containers = summary.Coverage.Kinds.Single(k => k.Kind == "container");
        Assert.Equal((9, 1), (containers.Audited, containers.NotAudited));
        Assert.False(summary.Coverage.Complete);
        Assert.Equal(9, findings.Count(f => f.CheckId == "azure.container.public-access"));
    }

    [Fact]
    public async Task Anonymous_probes_throttled_beyond_every_retry_say_not_proven_throttled_never_refused()
    {
        _proxy.Rule = request => request.Headers["Authorization"] is null ? InjectedFault.Throttle(503, "ServerBusy") with { RetryAfter = "0" } : null;
        var (findings, summary) = await Sweeps.RunAsync(Config(maxRetries: 2));

        var open = findings.Where(f => f.CheckId == "azure.container.public-access" && _public.Contains(f.Resource.Container!)).ToList();
        Assert.Equal(_public.Count, open.Count);
        Assert.All(open, f => Assert.Equal("failed", f.Evidence!["anonymousProbe"]));
        Assert.All(open, f => Assert.Contains("not proven: anonymous List Blobs was throttled", f.Evidence!["anonymousProbeResult"]));
        Assert.True(summary.Coverage.Transient);
        // Private containers are judged by their access level, which no anonymous request could contradict: they are not probed.
        Assert.Equal((_public.Count, _private.Count), (summary.Coverage.Kinds.Single(k => k.Kind == "container").Partial,
            summary.Coverage.Kinds.Single(k => k.Kind == "container").Audited));
    }
}
