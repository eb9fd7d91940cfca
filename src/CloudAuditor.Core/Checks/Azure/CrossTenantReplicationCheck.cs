using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class CrossTenantReplicationCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.cross-tenant-replication";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Medium,
        "Storage account allows object replication to other tenants",
        "Whoever can write a replication policy can copy every blob to an account in a tenant the organisation does not control.",
        "Set allowCrossTenantReplication to false (az storage account update --allow-cross-tenant-replication false).",
        ["CIS Microsoft Azure Foundations 2.1.0: 'Cross Tenant Replication' is not enabled"]);

    /// <summary>ARM omits the property on accounts that never set it, whose default has changed over time: not judged then.</summary>
    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context) => account.Settings.Value?.AllowCrossTenantReplication switch
    {
        null => null,
        true => CheckOutcome.Fail("Object replication to accounts in other Entra ID tenants is allowed.",
            evidence: Evidence(("allowCrossTenantReplication", "true"))),
        false => CheckOutcome.Pass("Cross-tenant object replication is not allowed.", Evidence(("allowCrossTenantReplication", "false"))),
    };
}
