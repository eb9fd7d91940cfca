using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using CloudAuditor.Hosting.Reports.Metrics;

namespace CloudAuditor.IntegrationTests;

/// <summary>The metrics page as a person sees it: twelve weeks of history rendered by headless Chromium at 1,280 pixels.</summary>
public sealed class MetricsHtmlRenderingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-metrics-html-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Twelve weeks: findings of every severity opened each week, most fixed a few days later, some left open.</summary>
    private static async IAsyncEnumerable<FindingTransition> History(DateTimeOffset start)
    {
        var severities = Enum.GetValues<Severity>();
        var changes = new List<FindingTransition>();
        for (var i = 0; i < 120; i++)
        {
            var severity = severities[i % severities.Length];
            var opened = start.AddHours(i * 16);
            var id = $"f{i:000}";
            var resource = $"arn:aws:s3:::a-bucket-with-a-long-name-{i:000}";
            changes.Add(new(id, "aws.s3.public-access-block", FindingType.Exposure, severity, resource, TransitionKind.Opened, opened,
                opened.AddMinutes(-i)));
            if (i % 4 != 0)
                changes.Add(new(id, "aws.s3.public-access-block", FindingType.Exposure, severity, resource, TransitionKind.Remediated,
                    opened.AddHours(i % 90)));
        }
        foreach (var change in changes.OrderBy(c => c.At))
        {
            await Task.Yield();
            yield return change;
        }
    }

    [Fact]
    public async Task The_page_fits_1280_pixels_and_draws_both_charts_without_script()
    {
        var until = new DateTimeOffset(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
        var metrics = await LeakageMetrics.ComputeAsync(History(until.AddDays(-84)), until.AddDays(-84), until, new ReportingSettings(),
            [new ExemptionRule { Resource = "arn:aws:s3:::campaign-site", Reason = "launch", Expires = new DateOnly(2026, 12, 10) }], CancellationToken.None);
        var html = MetricsHtml.Render(metrics, until);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        var numbers = await HeadlessChromium.MeasureAsync(html, "document.querySelectorAll('svg').length + '|' + " +
            "document.querySelectorAll('svg rect').length + '|' + document.querySelectorAll('table tr').length", _dir);

        Assert.True(numbers[0] <= numbers[1], $"the page is {numbers[0]} px wide in a {numbers[1]} px window");
        Assert.Equal(2, numbers[2]);
        Assert.True(numbers[3] >= 12 + 12, $"{numbers[3]} bars drawn for 12 weeks of detections and 12 week ends");
        Assert.Equal(1 + 5 + 1 + 1, numbers[4]);
        Assert.True(await HeadlessChromium.ScreenshotAsync(html, _dir, "metrics") > 10_000, "the screenshot is blank");
    }
}
