namespace CloudAuditor.Core.Config;

public sealed class ExemptionRule
{
    /// <summary>Resource id or name, '*' as wildcard.</summary>
    public string Resource { get; set; } = "";

    /// <summary>Check ids; empty means all checks.</summary>
    public List<string> Checks { get; set; } = [];

    public string Reason { get; set; } = "";

    public DateOnly? Expires { get; set; }
}
