using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class NetworkDefaultAllowCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.network-default-allow";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Network, Severity.Low,
        "Storage account is reachable from all networks",
        "With the firewall's default action Allow, a leaked key or SAS works from anywhere.",
        "Set networkAcls.defaultAction to Deny and allow the networks that need access, or use private endpoints.",
        ["CIS Microsoft Azure Foundations 2.1.0 3.8"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { NetworkDefaultAction: { } action } settings) return null;
        var evidence = Evidence(("networkAcls.defaultAction", action), ("publicNetworkAccess", settings.PublicNetworkAccess));
        if (string.Equals(settings.PublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase))
            return CheckOutcome.Pass("Public network access is disabled.", evidence);
        return string.Equals(action, "Allow", StringComparison.OrdinalIgnoreCase)
            ? CheckOutcome.Fail("The storage firewall allows all networks by default.", evidence: evidence)
            : CheckOutcome.Pass("The storage firewall denies by default.", evidence);
    }
}
