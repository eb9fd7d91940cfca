using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class SharedKeyAccessCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.shared-key-access";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        "Storage account accepts shared key authorization",
        "Account keys grant full control, bypass Entra ID and role assignments, and are not tied to a person.",
        "Set allowSharedKeyAccess to false once clients use Entra ID (az storage account update --allow-shared-key-access false).",
        ["CIS Microsoft Azure Foundations 2.1.0 3.3"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context) => account.Settings.Value?.AllowSharedKeyAccess switch
    {
        null => null,
        true => CheckOutcome.Fail("Shared key (account key) authorization is allowed.", evidence: Evidence(("allowSharedKeyAccess", "true"))),
        false => CheckOutcome.Pass("Shared key authorization is disabled.", Evidence(("allowSharedKeyAccess", "false"))),
    };
}
