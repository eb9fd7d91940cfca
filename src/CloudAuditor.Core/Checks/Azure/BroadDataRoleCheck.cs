using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

public sealed class BroadDataRoleCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.broad-data-role";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        "Broad data roles are assigned at storage scope",
        "Storage Blob Data Owner, and roles that can list account keys, give people full read/write/delete on every blob.",
        "Assign Storage Blob Data Reader/Contributor on the containers people need; keep Owner/Contributor for automation and break-glass.",
        ["CIS Microsoft Azure Foundations 2.1.0 1.23"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value?.RoleAssignments.Value is not { } assignments) return null;
        var broad = assignments.Where(a => a.RoleDefinitionGuid.Equals(StorageRoles.BlobDataOwner, StringComparison.OrdinalIgnoreCase)
                || (StorageRoles.KeyListing.ContainsKey(a.RoleDefinitionGuid) && a.PrincipalType is "User" or "Group" or "ForeignGroup"))
            .Select(a => $"{(StorageRoles.KeyListing.TryGetValue(a.RoleDefinitionGuid, out var name) ? name : "Storage Blob Data Owner")} to a " +
                $"{a.PrincipalType.ToLowerInvariant()}")
            .GroupBy(d => d).Select(g => $"{g.Count()} x {g.Key}").ToList();
        return broad.Count == 0
            ? CheckOutcome.Pass($"{assignments.Count} role assignment(s) at storage scope, none broad.")
            : CheckOutcome.Fail($"Broad role assignments at storage scope: {string.Join("; ", broad)}.");
    }
}
