using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using CloudAuditor.Notifications;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Notifications;

public sealed class NotificationSinkTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"ca-n-{Guid.NewGuid():N}.db");
    private readonly SqliteStateStore _state;

    public NotificationSinkTests() => _state = new SqliteStateStore(_db);

    public void Dispose()
    {
        _state.Dispose();
        File.Delete(_db);
    }

    private sealed class RecordingChannel(bool fails = false) : INotificationChannel
    {
        public List<OwnerDigest> Digests { get; } = [];
        public string Name => "recording";

        public Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
        {
            if (fails) throw new NotificationException("down");
            Digests.Add(digest);
            return Task.CompletedTask;
        }
    }

    private static Finding Failing(string container, string owner) => CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container,
        probe: Subjects.Allowed) with
    {
        Resource = new ResourceRef($"https://acct.blob.core.windows.net/{container}", "blob-container", container),
    }).Single() with
    { Owner = owner };

    private NotificationSink Sink(params INotificationChannel[] channels) =>
        new(channels, _state, $"sweep-{Guid.NewGuid():N}", TimeSpan.FromHours(24), "cloudauditor.yaml", TimeProvider.System, NullLogger.Instance);

    private static async Task FeedAsync(NotificationSink sink, params Finding[] findings)
    {
        foreach (var f in findings) await sink.WriteAsync(f, CancellationToken.None);
        await sink.SendDigestsAsync(CancellationToken.None);
    }

    [Fact]
    public async Task One_digest_per_owner_not_one_message_per_finding()
    {
        var channel = new RecordingChannel();
        await FeedAsync(Sink(channel), Failing("a", "ada@x.example"), Failing("b", "ada@x.example"), Failing("c", "bob@x.example"),
            Failing("d", "bob@x.example") with { Status = FindingStatus.Pass });
        Assert.Equal(2, channel.Digests.Count);
        Assert.Equal(2, channel.Digests.Single(d => d.Owner == "ada@x.example").Findings.Count);
        Assert.Single(channel.Digests.Single(d => d.Owner == "bob@x.example").Findings);
    }

    [Fact]
    public async Task An_open_finding_is_not_resent_within_the_window_but_a_remediation_is()
    {
        var finding = Failing("a", "ada@x.example");
        await FeedAsync(Sink(new RecordingChannel()), finding);
        var second = new RecordingChannel();
        await FeedAsync(Sink(second), finding);
        Assert.Empty(second.Digests);
        var third = new RecordingChannel();
        await FeedAsync(Sink(third), finding with { Status = FindingStatus.Remediated });
        Assert.Single(third.Digests);
    }

    [Fact]
    public async Task A_digest_counts_as_sent_when_any_channel_took_it()
    {
        var finding = Failing("a", "ada@x.example");
        await FeedAsync(Sink(new RecordingChannel(fails: true)), finding);
        Assert.Null(await _state.LastNotifiedAsync("ada@x.example", finding.Fingerprint, CancellationToken.None));
        await FeedAsync(Sink(new RecordingChannel(fails: true), new RecordingChannel()), finding);
        Assert.NotNull(await _state.LastNotifiedAsync("ada@x.example", finding.Fingerprint, CancellationToken.None));
    }

    [Fact]
    public void The_digest_says_how_to_roll_back_and_to_exempt_and_escapes_html()
    {
        var remediated = Failing("<b>x</b>", "ada@x.example") with
        {
            Status = FindingStatus.Remediated,
            Evidence = new Dictionary<string, string> { ["remediationId"] = "rem-20261123101010-0a1b2c3d" },
        };
        var digest = new OwnerDigest("ada@x.example", [remediated], DateTimeOffset.UtcNow, "/etc/cloudauditor.yaml");
        Assert.Contains("cloudauditor rollback --config /etc/cloudauditor.yaml rem-20261123101010-0a1b2c3d", DigestRenderer.Text(digest));
        Assert.Contains("cloudauditor_exempt", DigestRenderer.Text(digest));
        var html = DigestRenderer.Html(digest);
        Assert.DoesNotContain("<b>x</b>", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
    }
}
