using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class DefaultOAuthCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.default-oauth";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Low,
        "Storage account does not default to Entra ID authorization",
        "Without defaultToOAuthAuthentication the portal and tools reach for the account key, which keeps keys in daily use.",
        "Set defaultToOAuthAuthentication to true (az storage account update --set defaultToOAuthAuthentication=true).",
        []);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings) return null;
        if (!settings.AllowSharedKeyAccess) return CheckOutcome.Pass("Shared key access is disabled, so Entra ID is the only way in.");
        return settings.DefaultToOAuthAuthentication
            ? CheckOutcome.Pass("The portal and tools default to Entra ID authorization.", Evidence(("defaultToOAuthAuthentication", "true")))
            : CheckOutcome.Fail("The portal and tools default to the account key.", evidence: Evidence(("defaultToOAuthAuthentication", "false")));
    }
}
