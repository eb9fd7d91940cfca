using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class ForeignPrincipalCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.foreign-principal";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.High,
        "Principals from another tenant hold roles on the storage account",
        "A foreign tenant's group membership is managed by someone else: you cannot see or control who gets access.",
        "Remove the foreign-tenant assignments or replace them with guest users under your own access reviews.",
        []);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value?.RoleAssignments.Value is not { } assignments) return null;
        var foreign = assignments.Count(a => a.PrincipalType == "ForeignGroup");
        return foreign == 0
            ? CheckOutcome.Pass("No foreign-tenant principals at storage scope.")
            : CheckOutcome.Fail($"{foreign} role assignment(s) at storage scope belong to foreign-tenant groups.");
    }
}
