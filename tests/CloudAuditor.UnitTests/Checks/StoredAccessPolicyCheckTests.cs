using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class StoredAccessPolicyCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CheckContext At = new(new RetentionJudge(new RetentionSettings()), new FixedTime(Now));

    private static AzureContainer With(bool sharedKey, params StoredAccessPolicy[] policies) =>
        Subjects.Container(ContainerAccessLevel.None, Subjects.SafeAccountSettings with { AllowSharedKeyAccess = sharedKey }) with
        {
            StoredAccessPolicies = Observed<IReadOnlyList<StoredAccessPolicy>>.Of(policies),
        };

    [Fact]
    public void A_policy_without_expiry_that_allows_deletes_fails_high()
    {
        var outcome = new StoredAccessPolicyCheck().Evaluate(With(true, new StoredAccessPolicy("etl", Now.AddDays(-5), null, "rwdl")), At)!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal(Severity.High, outcome.Severity);
        Assert.Contains("'etl' has no expiry of its own", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal("etl: rwdl, expires never", outcome.Evidence!["storedAccessPolicies"]);
    }

    [Fact]
    public void A_read_only_policy_expiring_within_a_year_passes_and_a_long_one_fails()
    {
        Assert.Equal(FindingStatus.Pass, new StoredAccessPolicyCheck().Evaluate(With(true, new StoredAccessPolicy("read", null, Now.AddDays(30), "rl")),
            At)!.Status);
        var outcome = new StoredAccessPolicyCheck().Evaluate(With(true, new StoredAccessPolicy("read", null, Now.AddDays(800), "r")), At)!;
        Assert.Equal("'read' expires in 800 days.", outcome.Detail);
    }

    [Fact]
    public void Without_shared_keys_no_service_sas_can_use_a_policy() =>
        Assert.Equal(FindingStatus.Pass, new StoredAccessPolicyCheck().Evaluate(With(false, new StoredAccessPolicy("etl", null, null, "rwd")), At)!.Status);

    [Fact]
    public void Unread_policies_are_not_judged() => Assert.Null(new StoredAccessPolicyCheck().Evaluate(Subjects.Container(ContainerAccessLevel.None), At));
}
