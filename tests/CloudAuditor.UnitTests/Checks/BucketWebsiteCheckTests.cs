using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class BucketWebsiteCheckTests
{
    [Fact]
    public void No_website_passes() => Assert.Equal(FindingStatus.Pass, new BucketWebsiteCheck().Evaluate(Subjects.Bucket())!.Status);

    [Fact]
    public void Website_fails() =>
        Assert.Equal(FindingStatus.Fail, new BucketWebsiteCheck().Evaluate(Subjects.Bucket(website: new WebsiteConfiguration("index.html", null)))!.Status);
}
