using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class RoleAssignmentCheckTests
{
    private const string Scope = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct";

    private static AzureStorageAccount With(params RoleAssignment[] assignments) => Subjects.Account(Subjects.SafeAccountSettings.WithAssignments(assignments));

    [Fact]
    public void Blob_data_owner_and_key_listing_roles_for_people_are_broad()
    {
        var outcome = new BroadDataRoleCheck().Evaluate(With(
            new("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "p1", "ServicePrincipal", Scope),
            new("b24988ac-6180-42a0-ab88-20f7382dd24c", "p2", "User", Scope),
            new("b24988ac-6180-42a0-ab88-20f7382dd24c", "p3", "ServicePrincipal", Scope)))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Contains("1 x Storage Blob Data Owner to a serviceprincipal", outcome.Detail);
        Assert.Contains("1 x Contributor to a user", outcome.Detail);
        Assert.DoesNotContain("p3", outcome.Detail);
    }

    [Fact]
    public void Reader_roles_and_automation_contributors_pass() =>
        Assert.Equal(FindingStatus.Pass, new BroadDataRoleCheck().Evaluate(With(
            new("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "p1", "User", Scope),
            new("17d1049b-9a84-46fb-8f53-869881c3d3ab", "p2", "ServicePrincipal", Scope)))!.Status);

    [Fact]
    public void Guests_fail_members_pass_and_an_unasked_directory_is_not_judged()
    {
        const string Reader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
        RoleAssignment user = new(Reader, "u1", "User", Scope);
        Assert.Equal(FindingStatus.Fail, new GuestPrincipalCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings.WithAssignments([user],
            "u1")))!.Status);
        Assert.Equal(FindingStatus.Pass, new GuestPrincipalCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings.WithAssignments([user])))!.Status);
        var refused = Observed<IReadOnlySet<string>>.Failed(Subjects.Refused("Microsoft Graph getByIds: 403"));
        var unasked = Subjects.SafeAccountSettings.WithAssignments([user]) with { GuestUsers = refused };
        Assert.Null(new GuestPrincipalCheck().Evaluate(Subjects.Account(unasked)));
    }

    [Fact]
    public void Foreign_tenant_groups_fail_and_unread_assignments_are_not_judged()
    {
        Assert.Equal(FindingStatus.Fail, new ForeignPrincipalCheck().Evaluate(With(new RoleAssignment("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "g",
            "ForeignGroup", Scope)))!.Status);
        Assert.Equal(FindingStatus.Pass, new ForeignPrincipalCheck().Evaluate(With())!.Status);
        Assert.Null(new ForeignPrincipalCheck().Evaluate(Subjects.Account()));
        Assert.Null(new BroadDataRoleCheck().Evaluate(Subjects.Account()));
    }
}
