using System.Net.Http.Json;
using System.Text.Json;
using Azure.Messaging.EventGrid;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Notifications;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.IntegrationTests;

/// <summary>Each channel against a real receiver: maildev for SMTP, loopback HTTP listeners for webhooks and Event Grid.</summary>
[Collection(EmulatorCollection.Name)]
public class NotificationChannelTests(Emulators emulators)
{
    private static OwnerDigest Digest(string owner)
    {
        var sensitive = new Finding
        {
            Type = FindingType.SensitiveData,
            CheckId = "azure.blob.sensitive-data",
            Severity = Severity.Critical,
            Status = FindingStatus.Fail,
            Cloud = CloudKind.Azure,
            Resource = new ResourceRef("https://acct.blob.core.windows.net/exports", "blob-container", "exports") { Container = "exports" },
            Title = "Sensitive data found in stored content",
            Detail = "1 US_SSN, in a container anyone can read.",
            Fingerprint = "f1",
            Object = "people.csv",
            Owner = owner,
            Entities = [new EntityCount("US_SSN", 1, ["***-**-8726"])],
        };
        var remediated = CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed)).Single() with
        {
            Status = FindingStatus.Remediated,
            Owner = owner,
            Evidence = new Dictionary<string, string> { ["remediationId"] = "rem-20261123101010-0a1b2c3d" },
        };
        return new OwnerDigest(owner, [sensitive, remediated], DateTimeOffset.UtcNow, "/etc/cloudauditor.yaml");
    }

    [Fact]
    public async Task Email_reaches_the_owner_as_text_and_html_with_masked_values_only()
    {
        var owner = $"owner-{Guid.NewGuid():N}@contoso.example";
        var email = new EmailChannel(new EmailSettings { Host = "127.0.0.1", Port = emulators.SmtpPort, Security = "none",
            From = "cloudauditor@contoso.example" });
        await email.SendAsync(Digest(owner), CancellationToken.None);

        using var http = new HttpClient();
        var mails = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{emulators.MailWebPort}/api/email");
        var mail = mails.EnumerateArray().Single(m => m.GetProperty("to")[0].GetProperty("address").GetString() == owner);
        Assert.Equal("[CloudAuditor] 1 open and 1 remediated storage findings on resources you own", mail.GetProperty("subject").GetString());
        var text = mail.GetProperty("text").GetString()!;
        var html = mail.GetProperty("html").GetString()!;
        Assert.Contains("***-**-8726", text);
        Assert.Contains("cloudauditor rollback --config /etc/cloudauditor.yaml rem-20261123101010-0a1b2c3d", text);
        Assert.Contains("<table", html);
        Assert.DoesNotContain("536-22-8726", text + html);
    }

    [Fact]
    public async Task The_teams_card_passes_the_official_adaptive_cards_parser_for_the_version_it_declares()
    {
        var card = JsonSerializer.Serialize(ChatCards.TeamsAdaptiveCard(Digest($"owner-{Guid.NewGuid():N}@contoso.example")));
        var content = JsonDocument.Parse(card).RootElement.GetProperty("attachments")[0].GetProperty("content").GetRawText();
        var start = new System.Diagnostics.ProcessStartInfo("node")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(Emulators.RepoRoot, "tests", "CloudAuditor.IntegrationTests", "Tools", "validate-adaptive-card.js"));
        start.ArgumentList.Add(Path.Combine(Emulators.RepoRoot, "infra", "emulators", "node_modules", "adaptivecards", "dist", "adaptivecards.js"));
        using var node = System.Diagnostics.Process.Start(start)!;
        await node.StandardInput.WriteAsync(content);
        node.StandardInput.Close();
        var verdict = await node.StandardOutput.ReadToEndAsync();
        var errors = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();

        Assert.True(node.ExitCode == 0, verdict + errors);
        using var parsed = JsonDocument.Parse(verdict);
        Assert.Equal("1.4", parsed.RootElement.GetProperty("version").GetString());
        Assert.Empty(parsed.RootElement.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task Unreachable_smtp_is_a_notification_error_not_a_crash()
    {
        var email = new EmailChannel(new EmailSettings { Host = "127.0.0.1", Port = Emulators.FreePort(), Security = "none", From = "a@b.example" });
        var e = await Assert.ThrowsAsync<NotificationException>(() => email.SendAsync(Digest("x@y.example"), CancellationToken.None));
        Assert.Contains("SMTP 127.0.0.1", e.Message);
    }

    [Theory]
    [InlineData("slack", "blocks")]
    [InlineData("teams", "attachments")]
    [InlineData("json", "findings")]
    public async Task Webhooks_back_off_on_429_and_send_the_format_asked_for(string format, string field)
    {
        using var hook = new LoopbackListener((429, "0"), (503, null), (200, null));
        using var http = new HttpClient();
        await new WebhookChannel(new WebhookSettings { Url = hook.Url, Format = format }, http).SendAsync(Digest("team@contoso.example"),
            CancellationToken.None);

        Assert.Equal(3, hook.Requests.Count);
        using var body = JsonDocument.Parse(hook.Requests[^1].Body);
        Assert.True(body.RootElement.TryGetProperty(field, out _));
        Assert.DoesNotContain("536-22-8726", hook.Requests[^1].Body);
    }

    [Fact]
    public async Task A_webhook_that_keeps_refusing_is_reported_after_bounded_attempts()
    {
        using var hook = new LoopbackListener((400, null));
        using var http = new HttpClient();
        var e = await Assert.ThrowsAsync<NotificationException>(() =>
            new WebhookChannel(new WebhookSettings { Url = hook.Url, Format = "json" }, http).SendAsync(Digest("t@c.example"), CancellationToken.None));
        Assert.Contains("400", e.Message);
        Assert.Single(hook.Requests);
    }

    [Fact]
    public async Task Event_grid_receives_one_cloud_event_per_digest_with_the_topic_key()
    {
        using var topic = new LoopbackListener();
        var options = new EventGridPublisherClientOptions();
        options.Retry.MaxRetries = 0;
        var channel = new EventGridChannel(new EventGridSettings { Endpoint = topic.Url + "api/events", Key = "topic-key-for-tests" }, options);
        await channel.SendAsync(Digest("owner@contoso.example"), CancellationToken.None);

        var (path, headers, body) = Assert.Single(topic.Requests);
        Assert.Equal("/api/events", path);
        Assert.Equal("topic-key-for-tests", headers["aeg-sas-key"]);
        Assert.StartsWith("application/cloudevents-batch+json", headers["content-type"]);
        using var events = JsonDocument.Parse(body);
        var cloudEvent = Assert.Single(events.RootElement.EnumerateArray().ToList());
        Assert.Equal(EventGridChannel.EventType, cloudEvent.GetProperty("type").GetString());
        Assert.Equal("owner@contoso.example", cloudEvent.GetProperty("subject").GetString());
        Assert.Equal(1, cloudEvent.GetProperty("data").GetProperty("remediated").GetInt32());
    }
}
