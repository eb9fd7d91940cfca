using CloudAuditor.Core.Model;
using CloudAuditor.Hosting.Reports;

namespace CloudAuditor.IntegrationTests;

/// <summary>The retention page as a person sees it: rendered by headless Chromium at 1,280 pixels, with no sideways scrolling and its chart drawn.</summary>
public sealed class RetentionHtmlRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-html-").FullName;

    private static RetentionRow Row(int i) => new("aws", "111122223333", $"acme-{i:000}-exports-with-a-rather-long-bucket-name",
        $"arn:aws:s3:::acme-{i:000}-exports-with-a-rather-long-bucket-name", i % 3 == 0 ? null : $"class-{i % 3}",
        RetentionPosture.NotRead("GetBucketVersioning: 403 AccessDenied"), i % 2 == 0 ? "non-compliant" : "compliant",
        string.Join("; ", Enumerable.Repeat("must be deleted within 90 days, lifecycle expiry is not set for the whole scope", 3)))
    {
        DetectedClass = "pii",
        SensitivityScore = "63",
    };

    [Fact]
    public async Task The_page_fits_1280_pixels_and_draws_a_bar_per_class()
    {
        var html = RetentionReportWriters.Html([.. Enumerable.Range(0, 40).Select(Row)], DateTimeOffset.UtcNow);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        var numbers = await HeadlessChromium.MeasureAsync(html, "document.querySelectorAll('svg rect').length + '|' + " +
            "document.querySelectorAll('section').length", _dir);

        Assert.True(numbers[0] <= numbers[1], $"the page is {numbers[0]} px wide in a {numbers[1]} px window");
        Assert.True(numbers[2] >= 3, $"{numbers[2]} bars drawn");
        Assert.Equal(3, numbers[3]);
        Assert.True(await HeadlessChromium.ScreenshotAsync(html, _dir, "retention") > 10_000, "the screenshot is blank");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
