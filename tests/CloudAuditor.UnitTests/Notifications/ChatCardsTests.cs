using System.Text.Json;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.Notifications;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Notifications;

/// <summary>Teams Workflows accept Adaptive Cards only; Slack renders Block Kit. Both stay within their size limits and hold nothing raw.</summary>
public class ChatCardsTests
{
    private static Finding Finding(int i, Severity severity) => CheckCatalog.Default.Evaluate(Subjects.Container(ContainerAccessLevel.Container,
        probe: Subjects.Allowed) with
    {
        Resource = new ResourceRef($"https://acct.blob.core.windows.net/c{i:00}", "blob-container", $"c{i:00}"),
    }).Single() with
    { Severity = severity, Entities = [new EntityCount("US_SSN", 2, ["***-**-8726"])] };

    private static OwnerDigest Digest(int findings) => new("team@contoso.example",
        [.. Enumerable.Range(0, findings).Select(i => Finding(i, i == findings - 1 ? Severity.Critical : Severity.Medium))],
        new DateTimeOffset(2026, 12, 3, 6, 0, 0, TimeSpan.Zero), "/etc/cloudauditor.yaml");

    private static JsonElement Json(object payload) => JsonDocument.Parse(JsonSerializer.Serialize(payload)).RootElement;

    [Fact]
    public void Teams_gets_an_adaptive_card_in_a_message_attachment_most_severe_first()
    {
        var card = Json(ChatCards.TeamsAdaptiveCard(Digest(3)));
        Assert.Equal("message", card.GetProperty("type").GetString());
        var attachment = card.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var content = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
        var body = content.GetProperty("body");
        Assert.Equal(2 + 3, body.GetArrayLength());
        var first = body[2].GetProperty("items");
        Assert.StartsWith("[CRITICAL] OPEN", first[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains(first[1].GetProperty("facts").EnumerateArray(), f => f.GetProperty("value").GetString() == "2 x US_SSN, e.g. ***-**-8726");
    }

    [Fact]
    public void Long_digests_are_cut_to_the_most_severe_with_a_count_of_the_rest()
    {
        var card = Json(ChatCards.TeamsAdaptiveCard(Digest(45)));
        var body = card.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
        Assert.Equal(2 + ChatCards.MaxFindings + 1, body.GetArrayLength());
        Assert.Contains("25 more", body[body.GetArrayLength() - 1].GetProperty("text").GetString(), StringComparison.Ordinal);
        var slack = Json(ChatCards.SlackBlocks(Digest(45)));
        Assert.True(slack.GetProperty("blocks").GetArrayLength() <= 50, "Slack accepts at most 50 blocks");
        Assert.True(JsonSerializer.Serialize(ChatCards.TeamsAdaptiveCard(Digest(45))).Length < 28 * 1024, "Teams cards stay under 28 KB");
    }

    [Fact]
    public void Slack_gets_blocks_with_a_text_fallback_and_escaped_mrkdwn()
    {
        var slack = Json(ChatCards.SlackBlocks(Digest(2)));
        Assert.StartsWith("[CloudAuditor]", slack.GetProperty("text").GetString(), StringComparison.Ordinal);
        var blocks = slack.GetProperty("blocks");
        Assert.Equal("header", blocks[0].GetProperty("type").GetString());
        var section = blocks[3].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Contains("*Found:* 2 x US_SSN", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<", section.Replace("&lt;", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}
