using System.Globalization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>Reachable over the public endpoint with no private endpoint in use: every client crosses the internet.</summary>
public sealed class PrivateEndpointCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.private-endpoint";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Network, Severity.Medium,
        "Storage account is used over its public endpoint, without a private endpoint",
        "Public network access lets a leaked key or SAS be used from anywhere; a private endpoint keeps traffic inside the organisation's networks.",
        "Create a private endpoint for the blob service and set publicNetworkAccess to Disabled.",
        ["CIS Microsoft Azure Foundations 2.1.0: Private Endpoints are used to access Storage Accounts"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings) return null;
        var evidence = Evidence(("publicNetworkAccess", settings.PublicNetworkAccess ?? "Enabled (not set)"),
            ("approvedPrivateEndpoints", settings.ApprovedPrivateEndpoints?.ToString(CultureInfo.InvariantCulture)));
        if (string.Equals(settings.PublicNetworkAccess, "Disabled", StringComparison.OrdinalIgnoreCase))
            return CheckOutcome.Pass("Public network access is disabled.", evidence);
        return settings.ApprovedPrivateEndpoints switch
        {
            null => null,
            0 => CheckOutcome.Fail("Public network access is on and no private endpoint connection is approved.", evidence: evidence),
            var n => CheckOutcome.Fail($"{n} private endpoint(s) are approved, but public network access is still on.", Severity.Low, evidence),
        };
    }
}
