namespace CloudAuditor.Core.Config;

public sealed class EmailSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;

    /// <summary>none, starttls or tls.</summary>
    public string Security { get; set; } = "starttls";

    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "";
}
