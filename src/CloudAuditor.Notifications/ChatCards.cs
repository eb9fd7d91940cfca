using CloudAuditor.Core.Model;

namespace CloudAuditor.Notifications;

/// <summary>
/// A digest as chat messages: a Teams Adaptive Card (what Teams Workflows webhooks accept; Office 365 connectors and their
/// MessageCard are retired) and Slack Block Kit blocks with a text fallback. Both list the most severe findings first, up to
/// <see cref="MaxFindings"/> (the cards' size limits), and say how many more the mail or the report holds.
/// </summary>
public static class ChatCards
{
    public const int MaxFindings = 20;

    /// <summary>Slack drops a section whose text passes 3,000 characters.</summary>
    private const int MaxSlackText = 2900;

    public static object TeamsAdaptiveCard(OwnerDigest digest)
    {
        var body = new List<object>
        {
            new { type = "TextBlock", text = digest.Subject, weight = "Bolder", size = "Medium", wrap = true },
            new { type = "TextBlock", text = Summary(digest), isSubtle = true, wrap = true },
        };
        foreach (var f in Shown(digest))
        {
            body.Add(new
            {
                type = "Container", separator = true, items = new object[]
                {
                    new { type = "TextBlock", text = DigestRenderer.Heading(f), weight = "Bolder", wrap = true, color = Color(f) },
                    new { type = "FactSet", facts = DigestRenderer.Facts(f, digest).Select(x => new { title = x.Label, value = x.Value }).ToArray() },
                },
            });
        }
        if (More(digest) is { } more) body.Add(new { type = "TextBlock", text = more, isSubtle = true, wrap = true });
        return new
        {
            type = "message",
            attachments = new[]
            {
                new
                {
                    contentType = "application/vnd.microsoft.card.adaptive",
                    content = new Dictionary<string, object>
                    {
                        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                        ["type"] = "AdaptiveCard",
                        ["version"] = "1.4",
                        ["body"] = body,
                        ["msteams"] = new { width = "Full" },
                    },
                },
            },
        };
    }

    public static object SlackBlocks(OwnerDigest digest)
    {
        var blocks = new List<object>
        {
            new { type = "header", text = new { type = "plain_text", text = Cut(digest.Subject, 150) } },
            new { type = "section", text = new { type = "mrkdwn", text = Escape(Summary(digest)) } },
        };
        foreach (var f in Shown(digest))
        {
            blocks.Add(new { type = "divider" });
            var facts = string.Join("\n", DigestRenderer.Facts(f, digest).Select(x => $"*{x.Label}:* {Escape(x.Value)}"));
            blocks.Add(new { type = "section", text = new { type = "mrkdwn", text = Cut($"*{Escape(DigestRenderer.Heading(f))}*\n{facts}", MaxSlackText) } });
        }
        if (More(digest) is { } more) blocks.Add(new { type = "context", elements = new[] { new { type = "mrkdwn", text = Escape(more) } } });
        // The text is what notifications and clients without blocks show.
        return new { text = digest.Subject, blocks };
    }

    private static string Summary(OwnerDigest digest) =>
        $"Sweep of {digest.SweepTime:yyyy-MM-dd HH:mm} UTC: {digest.Open} open, {digest.Remediated} remediated, on resources owned by {digest.Owner}.";

    private static IEnumerable<Finding> Shown(OwnerDigest digest) => DigestRenderer.Ordered(digest).Take(MaxFindings);

    private static string? More(OwnerDigest digest) => digest.Findings.Count > MaxFindings
        ? $"…and {digest.Findings.Count - MaxFindings} more finding(s), less severe, in the mail digest and the findings report."
        : null;

    private static string Color(Finding f) => f.Severity is Severity.Critical or Severity.High ? "Attention" : "Warning";

    /// <summary>Slack mrkdwn treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
