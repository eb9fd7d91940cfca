using System.Net;
using System.Net.Http.Json;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Notifications;

/// <summary>Teams (MessageCard), Slack (text) or plain JSON webhooks, with backoff on 429/5xx honouring Retry-After.</summary>
public sealed class WebhookChannel(WebhookSettings settings, HttpClient http) : INotificationChannel
{
    private const int Attempts = 4;

    public string Name => $"webhook ({settings.Format})";

    public async Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
    {
        var payload = Payload(digest);
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage response;
            try
            {
                response = await http.PostAsJsonAsync(settings.Url, payload, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                if (attempt == Attempts) throw new NotificationException($"webhook did not answer after {Attempts} attempts", e);
                await Task.Delay(Backoff(attempt, null), cancellationToken);
                continue;
            }
            using (response)
            {
                if (response.IsSuccessStatusCode) return;
                var retryable = response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
                if (!retryable || attempt == Attempts) throw new NotificationException($"webhook answered {(int)response.StatusCode} after {attempt} attempt(s)");
                await Task.Delay(Backoff(attempt, response.Headers.RetryAfter?.Delta), cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int attempt, TimeSpan? retryAfter) =>
        retryAfter is { } wait && wait < TimeSpan.FromSeconds(60) ? wait : TimeSpan.FromMilliseconds(250 * Math.Pow(2, attempt - 1));

    private object Payload(OwnerDigest digest) => settings.Format switch
    {
        "slack" => new { text = $"*{digest.Subject}*\n{DigestRenderer.Text(digest)}" },
        "teams" => new Dictionary<string, object>
        {
            ["@type"] = "MessageCard",
            ["@context"] = "https://schema.org/extensions",
            ["summary"] = digest.Subject,
            ["themeColor"] = digest.Findings.Any(f => f.Severity == Severity.Critical) ? "D13438" : "FFB900",
            ["title"] = digest.Subject,
            ["text"] = DigestRenderer.Text(digest).Replace("\n", "  \n", StringComparison.Ordinal),
        },
        _ => DigestPayload.From(digest),
    };
}
