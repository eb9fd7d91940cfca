using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

/// <summary>Built-in role definition GUIDs (the same in every tenant) that matter for storage data.</summary>
internal static class StorageRoles
{
    public const string BlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    public const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    public const string Contributor = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    public const string StorageAccountContributor = "17d1049b-9a84-46fb-8f53-869881c3d3ab";

    /// <summary>These can list account keys, which is full data access whatever the data roles say.</summary>
    public static readonly Dictionary<string, string> KeyListing = new(StringComparer.OrdinalIgnoreCase)
    {
        [Owner] = "Owner", [Contributor] = "Contributor", [StorageAccountContributor] = "Storage Account Contributor",
    };
}

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
            .Select(a => $"{(StorageRoles.KeyListing.TryGetValue(a.RoleDefinitionGuid, out var name) ? name : "Storage Blob Data Owner")} to a {a.PrincipalType.ToLowerInvariant()}")
            .GroupBy(d => d).Select(g => $"{g.Count()} x {g.Key}").ToList();
        return broad.Count == 0
            ? CheckOutcome.Pass($"{assignments.Count} role assignment(s) at storage scope, none broad.")
            : CheckOutcome.Fail($"Broad role assignments at storage scope: {string.Join("; ", broad)}.");
    }
}

public sealed class GuestPrincipalCheck : Check<AzureStorageAccount>
{
    public const string Id = "azure.account.guest-principal";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.Medium,
        "Guest users hold roles on the storage account",
        "Guests' accounts live in another organisation: when they leave it, their access here stays until someone notices.",
        "Review the guests' need for access, time-bound it with access reviews or PIM, or remove the assignments.",
        ["CIS Microsoft Azure Foundations 2.1.0 1.5"]);

    protected override CheckOutcome? Evaluate(AzureStorageAccount account, CheckContext context)
    {
        if (account.Settings.Value is not { } settings || settings.RoleAssignments.Value is not { } assignments) return null;
        var users = assignments.Where(a => a.PrincipalType == "User").ToList();
        // Without the directory's answer, users cannot be told apart; with no users there is nothing to tell.
        if (users.Count > 0 && !settings.GuestUsers.IsKnown) return null;
        var guests = users.Count(a => settings.GuestUsers.Value!.Contains(a.PrincipalId));
        return guests == 0
            ? CheckOutcome.Pass("No guest users hold roles at storage scope.")
            : CheckOutcome.Fail($"{guests} role assignment(s) at storage scope are held by guest users.");
    }
}

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
