namespace CloudAuditor.Core.Config;

/// <summary>Where findings, the remediation journal and the notification log live.</summary>
public sealed class StateSettings
{
    public string SqlitePath { get; set; } = ".cloudauditor/state.db";

    /// <summary>When set, Azure Table storage is used instead of SQLite (the Functions app's store).</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>Azure Table storage with Entra ID (managed identity) instead of a connection string.</summary>
    public string? TableServiceUri { get; set; }

    public string TablePrefix { get; set; } = "cloudauditor";
}
