namespace CloudAuditor.Core.Config;

public sealed class OwnerRule
{
    public string Match { get; set; } = "";
    public string Owner { get; set; } = "";
}
