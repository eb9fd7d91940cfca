using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class PublicAccessBlockCheckTests
{
    private static readonly PublicAccessBlockCheck Check = new();

    [Fact]
    public void All_on_passes() => Assert.Equal(FindingStatus.Pass, Check.Evaluate(Subjects.Bucket())!.Status);

    [Fact]
    public void Missing_configuration_fails() => Assert.Equal(FindingStatus.Fail, Check.Evaluate(Subjects.Bucket(pabConfigured: false))!.Status);

    [Fact]
    public void Partial_configuration_names_what_is_off()
    {
        var outcome = Check.Evaluate(Subjects.Bucket(pab: new PublicAccessBlock(true, false, true, false)))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("IgnorePublicAcls,RestrictPublicBuckets", outcome.Evidence!["settingsOff"]);
    }
}
