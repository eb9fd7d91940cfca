using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class CustomerManagedKeysCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.customer-managed-keys";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Encryption, Severity.Low,
        "Storage account is encrypted with Microsoft-managed keys",
        "With platform keys the organisation cannot revoke access to the data at rest by disabling its own key.",
        "Use a customer-managed key in Key Vault for accounts holding critical data (encryption.keySource Microsoft.Keyvault).",
        ["CIS Microsoft Azure Foundations 2.1.0: Storage for Critical Data are Encrypted with Customer Managed Keys"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings) return null;
        var source = settings.EncryptionKeySource ?? "Microsoft.Storage";
        var evidence = Evidence(("encryption.keySource", source));
        return string.Equals(source, "Microsoft.Keyvault", StringComparison.OrdinalIgnoreCase)
            ? CheckOutcome.Pass("Data at rest is encrypted with a customer-managed key.", evidence)
            : CheckOutcome.Fail($"Data at rest is encrypted with Microsoft-managed keys ({source}).", evidence: evidence);
    }
}
