using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class AccountAllowsBlobPublicAccessCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.allow-blob-public-access";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Storage account allows blob public access",
        "While allowBlobPublicAccess is true, any container owner can make data anonymous with one setting.",
        "Set allowBlobPublicAccess to false on the account (az storage account update --allow-blob-public-access false).",
        ["CIS Microsoft Azure Foundations 2.1.0 3.7"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context) => account.Settings.Value?.AllowBlobPublicAccess switch
    {
        null => null,
        true => CheckOutcome.Fail("allowBlobPublicAccess is true.", evidence: Evidence(("allowBlobPublicAccess", "true"))),
        false => CheckOutcome.Pass("allowBlobPublicAccess is false.", Evidence(("allowBlobPublicAccess", "false"))),
    };
}
