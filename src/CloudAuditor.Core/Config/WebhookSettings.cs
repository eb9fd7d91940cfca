namespace CloudAuditor.Core.Config;

public sealed class WebhookSettings
{
    public string Url { get; set; } = "";

    /// <summary>slack, teams or json.</summary>
    public string Format { get; set; } = "json";
}
