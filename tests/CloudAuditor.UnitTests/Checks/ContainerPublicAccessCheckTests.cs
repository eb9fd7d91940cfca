using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class ContainerPublicAccessCheckTests
{
    private static CheckOutcome? Judge(AzureContainer c) => new ContainerPublicAccessCheck().Evaluate(c);

    [Fact]
    public void Private_container_passes()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.None, probe: Subjects.Denied));
        Assert.Equal(FindingStatus.Pass, outcome!.Status);
    }

    [Fact]
    public void Container_level_access_fails_critical_with_proof_in_evidence()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.Container, Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true },
            Subjects.Allowed));
        Assert.Equal(FindingStatus.Fail, outcome!.Status);
        Assert.Equal(Severity.Critical, outcome.Severity);
        Assert.StartsWith("Proven public", outcome.Detail);
        Assert.Equal("allowed", outcome.Evidence!["anonymousProbe"]);
        Assert.Equal("200", outcome.Evidence["anonymousProbeStatus"]);
    }

    [Fact]
    public void Blob_level_access_without_probe_fails_high()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.Blob, Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true }));
        Assert.Equal(FindingStatus.Fail, outcome!.Status);
        Assert.Equal(Severity.High, outcome.Severity);
    }

    [Fact]
    public void Public_level_is_inert_when_the_account_disallows_public_access()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.Container, Subjects.SafeAccountSettings, Subjects.Denied));
        Assert.Equal(FindingStatus.Pass, outcome!.Status);
        Assert.Contains("no effect", outcome.Detail);
    }

    [Fact]
    public void Public_level_refused_by_network_rules_is_a_medium_failure()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.Blob, Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true }, Subjects.Denied));
        Assert.Equal(FindingStatus.Fail, outcome!.Status);
        Assert.Equal(Severity.Medium, outcome.Severity);
    }

    [Fact]
    public void Proof_wins_over_settings_that_say_private()
    {
        var outcome = Judge(Subjects.Container(ContainerAccessLevel.None, Subjects.SafeAccountSettings, Subjects.Allowed));
        Assert.Equal(FindingStatus.Fail, outcome!.Status);
        Assert.Equal(Severity.Critical, outcome.Severity);
    }
}
