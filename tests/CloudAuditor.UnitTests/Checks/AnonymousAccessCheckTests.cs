using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class AnonymousAccessCheckTests
{
    [Fact]
    public void Allowed_probe_fails_even_with_safe_settings()
    {
        var outcome = new AnonymousAccessCheck().Evaluate(Subjects.Bucket(probe: Subjects.Allowed))!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("allowed", outcome.Evidence!["anonymousProbe"]);
    }

    [Fact]
    public void Denied_probe_passes() => Assert.Equal(FindingStatus.Pass, new AnonymousAccessCheck().Evaluate(Subjects.Bucket(probe: Subjects.Denied))!.Status);

    [Fact]
    public void No_probe_is_not_judged() => Assert.Null(new AnonymousAccessCheck().Evaluate(Subjects.Bucket()));
}
