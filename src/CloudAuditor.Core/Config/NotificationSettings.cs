namespace CloudAuditor.Core.Config;

public sealed class NotificationSettings
{
    /// <summary>The same open finding is not sent to the same owner again within this many hours.</summary>
    public int WindowHours { get; set; } = 24;

    public EmailSettings? Email { get; set; }
    public List<WebhookSettings> Webhooks { get; set; } = [];
    public EventGridSettings? EventGrid { get; set; }

    /// <summary>The configuration path printed in notices' rollback commands; the path the sweep ran with when omitted.</summary>
    public string? ConfigPathHint { get; set; }
}
