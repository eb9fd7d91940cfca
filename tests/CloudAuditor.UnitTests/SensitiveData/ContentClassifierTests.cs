using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.SensitiveData.Classification;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>A container judged by its sampled content: detected class against declared label, retention of the detected class, score.</summary>
public class ContentClassifierTests
{
    private static readonly RetentionSettings Retention = new()
    {
        Classes =
        {
            ["standard"] = new RetentionRequirement { SoftDeleteDays = 7 },
            ["pii"] = new RetentionRequirement { MaxRetentionDays = 365 },
            ["restricted"] = new RetentionRequirement { Holds = ["pii"] },
        },
    };

    private static CheckContext Context(RetentionSettings? settings = null) => new(new RetentionJudge(settings ?? Retention));

    private static SampledObject Object(string key, params (string Type, int Count)[] entities) => new(key, entities.Length == 0 ? [] :
    [
        new Finding
        {
            Type = FindingType.SensitiveData, CheckId = "azure.blob.sensitive-data", Severity = Severity.High, Status = FindingStatus.Fail,
            Cloud = CloudKind.Azure, Resource = Subjects.Container(ContainerAccessLevel.None).Resource, Title = "t", Detail = "d", Fingerprint = key,
            Entities = [.. entities.Select(e => new EntityCount(e.Type, e.Count, []))],
        },
    ], AuditState.Audited);

    private static AzureContainer Labelled(string? dataClass, bool provenPublic = false) =>
        Subjects.Container(provenPublic ? ContainerAccessLevel.Container : ContainerAccessLevel.None, probe: provenPublic ? Subjects.Allowed : null) with
        {
            Metadata = dataClass is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["data-class"] = dataClass },
            Retention = Subjects.Posture(softDeleteDays: 7),
        };

    private static Finding Classify(AzureContainer container, CheckContext? context = null, params SampledObject[] sampled) =>
        new ContentClassifier().Classify(container, ContentChecks.AzureBlob, sampled, context ?? Context())!;

    [Fact]
    public void Pii_in_a_container_labelled_standard_is_a_mismatch_naming_what_pii_would_require()
    {
        var finding = Classify(Labelled("standard"), null, Object("a.csv", (EntityTypes.UsSsn, 3)), Object("b.csv"));
        Assert.Equal("azure.container.content-classification", finding.CheckId);
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(Severity.High, finding.Severity);
        Assert.Equal("pii", finding.Evidence!["detectedClass"]);
        Assert.Equal("standard", finding.Evidence["declaredClass"]);
        Assert.Contains("'pii' would require: must be deleted within 365 days", finding.Detail, StringComparison.Ordinal);
        Assert.Contains("1 of 2 sampled object(s) hold 3 US_SSN; sensitivity 63/100", finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_class_that_holds_the_detected_class_is_no_mismatch() =>
        Assert.Equal(FindingStatus.Pass, Classify(Labelled("restricted"), null, Object("a.csv", (EntityTypes.Email, 2))).Status);

    [Fact]
    public void Credentials_make_the_content_secrets_and_public_secrets_critical()
    {
        var finding = Classify(Labelled("pii", provenPublic: true), null, Object("env.txt", (EntityTypes.AwsSecretAccessKey, 1)));
        Assert.Equal("secrets", finding.Evidence!["detectedClass"]);
        Assert.Equal(Severity.Critical, finding.Severity);
    }

    [Fact]
    public void Unlabelled_containers_can_be_judged_by_their_content()
    {
        var byContent = new RetentionSettings { Classes = Retention.Classes, JudgeUnlabelledByContent = true };
        var finding = Classify(Labelled(null), Context(byContent), Object("a.csv", (EntityTypes.Email, 1)));
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.StartsWith("Unlabelled, so judged by its content as 'pii'", finding.Detail, StringComparison.Ordinal);
        Assert.Equal(FindingStatus.Fail, Classify(Labelled(null), null, Object("a.csv", (EntityTypes.Email, 1))).Status);
    }

    [Fact]
    public void Clean_content_passes_with_score_zero_and_nothing_sampled_is_not_classified()
    {
        var clean = Classify(Labelled("standard"), null, Object("a.csv"), Object("b.csv", (EntityTypes.IpAddress, 4)));
        Assert.Equal(FindingStatus.Pass, clean.Status);
        Assert.Equal("none", clean.Evidence!["detectedClass"]);
        Assert.Null(new ContentClassifier().Classify(Labelled("standard"), ContentChecks.AzureBlob, [new SampledObject(null, [], AuditState.NotAudited)],
            Context()));
    }

    [Theory]
    [InlineData(EntityTypes.AwsSecretAccessKey, 1, 1, false, 82)]   // 70 + 1.5 volume + 10 prevalence
    [InlineData(EntityTypes.CreditCard, 100, 10, false, 66)]        // 55 + 10 + 1
    [InlineData(EntityTypes.Email, 1000, 10, true, 66)]             // 30 + 15 + 1 + 20 public
    public void The_score_rises_with_kind_volume_prevalence_and_exposure(string type, int count, int objects, bool isPublic, int expected)
    {
        var profile = new ContentProfile(new Dictionary<string, int> { [type] = count }, objects, Math.Min(objects, 1));
        Assert.Equal(expected, SensitivityScore.Of(profile, isPublic));
    }
}
