using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Azure;

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
