using System.Net.Http.Json;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Http;

namespace CloudAuditor.Notifications;

/// <summary>Teams (Adaptive Card, for Workflows webhooks), Slack (Block Kit) or plain JSON webhooks, with backoff on 429/5xx honouring Retry-After.</summary>
public sealed class WebhookChannel(WebhookSettings settings, HttpClient http) : INotificationChannel
{
    private const int Retries = 3;

    public string Name => $"webhook ({settings.Format})";

    public async Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
    {
        var payload = Payload(digest);
        HttpResponseMessage response;
        try
        {
            response = await HttpRetry.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = JsonContent.Create(payload) },
                Retries, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new NotificationException($"webhook did not answer after {Retries + 1} attempts", e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw new NotificationException($"webhook answered {(int)response.StatusCode}");
        }
    }

    private object Payload(OwnerDigest digest) => settings.Format switch
    {
        "slack" => ChatCards.SlackBlocks(digest),
        "teams" => ChatCards.TeamsAdaptiveCard(digest),
        _ => DigestPayload.From(digest),
    };
}
