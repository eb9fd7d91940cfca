using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Retention;

public class UndecidedRetentionTests
{
    [Fact]
    public void A_requirement_whose_setting_could_not_be_read_is_undecided_not_failed()
    {
        var judge = new RetentionJudge(new RetentionSettings { Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 } } });
        var container = Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = new Dictionary<string, string> { ["data-class"] = "logs" },
            Retention = Subjects.Posture() with { Lifecycle = Observed<LifecycleRules>.Failed(Subjects.Refused("lifecycle management policy: 403 " +
                "AuthorizationFailed")) },
        };
        var verdict = judge.Judge(container);
        Assert.False(verdict.Judged);
        Assert.True(verdict.Undecided);
        Assert.Equal(["lifecycle management policy: 403 AuthorizationFailed"], verdict.Unknown);
        Assert.Null(new CloudAuditor.Core.Checks.Retention.AzureContainerRetentionCheck().Evaluate(container,
            new CloudAuditor.Core.Checks.CheckContext(judge)));
    }

    [Fact]
    public void Settings_the_requirement_does_not_need_may_stay_unknown()
    {
        var judge = new RetentionJudge(new RetentionSettings { Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 } } });
        var container = Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = new Dictionary<string, string> { ["data-class"] = "logs" },
            Retention = Subjects.Posture(expirationDays: 30) with { Immutability = Observed<ImmutabilitySettings>.Failed(Subjects.Refused("container " +
                "immutability: 403")) },
        };
        Assert.True(judge.Judge(container).Compliant);
    }
}
