namespace CloudAuditor.Core.Config;

/// <summary>Who hears about a resource when its tags and metadata do not say.</summary>
public sealed class OwnerSettings
{
    /// <summary>The mailbox of last resort, typically the security team.</summary>
    public string Default { get; set; } = "";

    /// <summary>Team names found in tags ("team: payments") mapped to addresses.</summary>
    public Dictionary<string, string> Teams { get; set; } = [];

    public List<OwnerRule> Resources { get; set; } = [];
}
