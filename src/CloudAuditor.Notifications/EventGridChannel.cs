using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using CloudAuditor.Core.Config;

namespace CloudAuditor.Notifications;

/// <summary>A CloudEvent per owner digest on an Event Grid custom topic, for automation that routes or tickets findings.</summary>
public sealed class EventGridChannel(EventGridSettings settings, EventGridPublisherClientOptions? options = null) : INotificationChannel
{
    public const string EventType = "CloudAuditor.Findings.Digest";

    private readonly EventGridPublisherClient _client = new(new Uri(settings.Endpoint), new AzureKeyCredential(settings.Key ?? ""), options
        ?? new EventGridPublisherClientOptions());

    public string Name => "event grid";

    public async Task SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
    {
        var cloudEvent = new CloudEvent("/cloudauditor/sweep", EventType, DigestPayload.From(digest)) { Subject = digest.Owner, Time = digest.SweepTime };
        try
        {
            await _client.SendEventAsync(cloudEvent, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw new NotificationException($"Event Grid answered " +
                $"{(e.Status == 0 ? "nothing" : e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}", e);
        }
    }
}
