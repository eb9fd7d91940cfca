namespace CloudAuditor.Core.Config;

public sealed class EventGridSettings
{
    public string Endpoint { get; set; } = "";
    public string? Key { get; set; }
}
