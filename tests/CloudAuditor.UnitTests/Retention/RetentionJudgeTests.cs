using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Retention;

public class RetentionJudgeTests
{
    private static readonly RetentionSettings Policy = new()
    {
        Classes =
        {
            ["pii"] = new RetentionRequirement { MinRetentionDays = 2555, Immutable = true },
            ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 },
            ["standard"] = new RetentionRequirement { SoftDeleteDays = 7, Versioning = true },
        },
    };

    private static AzureContainer Labelled(string? dataClass, RetentionPosture posture) =>
        Subjects.Container(ContainerAccessLevel.None) with
        {
            Metadata = dataClass is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["data-class"] = dataClass },
            Retention = posture,
        };

    [Fact]
    public void Pii_needs_locked_immutability_long_enough_or_a_legal_hold()
    {
        var judge = new RetentionJudge(Policy);
        Assert.True(judge.Judge(Labelled("pii", Subjects.Posture(immutableDays: 2555, locked: true))).Compliant);
        Assert.True(judge.Judge(Labelled("pii", Subjects.Posture(legalHold: true))).Compliant);
        var unlocked = judge.Judge(Labelled("pii", Subjects.Posture(immutableDays: 365)));
        Assert.Equal(["needs 2555 days of immutable retention, has 365", "the immutability policy is not locked"], unlocked.Shortfalls);
    }

    [Fact]
    public void Logs_must_expire_in_time()
    {
        var judge = new RetentionJudge(Policy);
        Assert.True(judge.Judge(Labelled("logs", Subjects.Posture(expirationDays: 30))).Compliant);
        Assert.Contains("lifecycle expiry is not set", Assert.Single(judge.Judge(Labelled("logs", Subjects.Posture())).Shortfalls));
        Assert.Contains("lifecycle expiry is 400 days", Assert.Single(judge.Judge(Labelled("logs", Subjects.Posture(expirationDays: 400))).Shortfalls));
    }

    [Fact]
    public void Unlabelled_or_unknown_classes_are_not_judged_unless_a_default_applies()
    {
        Assert.False(new RetentionJudge(Policy).Judge(Labelled(null, Subjects.Posture())).Judged);
        Assert.False(new RetentionJudge(Policy).Judge(Labelled("secret-sauce", Subjects.Posture())).Judged);
        var withDefault = new RetentionJudge(new RetentionSettings { DefaultClass = "standard", Classes = Policy.Classes });
        Assert.Equal(["needs 7 days of blob soft delete, has 0", "versioning is off"], withDefault.Judge(Labelled(null, Subjects.Posture())).Shortfalls);
    }
}
