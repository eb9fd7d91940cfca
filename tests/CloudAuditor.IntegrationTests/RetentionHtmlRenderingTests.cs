using System.Diagnostics;
using System.Text.RegularExpressions;
using CloudAuditor.Core.Model;
using CloudAuditor.Hosting.Reports;

namespace CloudAuditor.IntegrationTests;

/// <summary>The retention page as a person sees it: rendered by headless Chromium at 1,280 pixels, with no sideways scrolling and its chart drawn.</summary>
public sealed partial class RetentionHtmlRenderingTests : IDisposable
{
    private static readonly string[] ChromiumPaths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

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
        var chromium = ChromiumPaths.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (CI's .ci/run installs it).");
        var html = RetentionReportWriters.Html([.. Enumerable.Range(0, 40).Select(Row)], DateTimeOffset.UtcNow);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        // The measurement is this test's own: the report itself runs no script.
        var probe = html.Replace("</body>", "<script>document.title = document.documentElement.scrollWidth + '|' + window.innerWidth + '|' + " +
            "document.querySelectorAll('svg rect').length + '|' + document.querySelectorAll('section').length;</script></body>", StringComparison.Ordinal);
        var page = Path.Combine(_dir, "retention.html");
        await File.WriteAllTextAsync(page, probe);

        var dom = await RunAsync(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--virtual-time-budget=3000",
            "--dump-dom", new Uri(page).AbsoluteUri);
        var numbers = Title().Match(dom).Groups[1].Value.Split('|').Select(int.Parse).ToArray();
        Assert.True(numbers[0] <= numbers[1], $"the page is {numbers[0]} px wide in a {numbers[1]} px window");
        Assert.True(numbers[2] >= 3, $"{numbers[2]} bars drawn");
        Assert.Equal(3, numbers[3]);

        // What a person would look at; kept when CLOUDAUDITOR_KEEP_RENDERS names a folder.
        var screenshot = Path.Combine(Environment.GetEnvironmentVariable("CLOUDAUDITOR_KEEP_RENDERS") ?? _dir, "retention.png");
        await File.WriteAllTextAsync(page, html);
        await RunAsync(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", $"--screenshot={screenshot}",
            new Uri(page).AbsoluteUri);
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot is blank");
    }

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return await output;
    }

    [GeneratedRegex("<title>([0-9|]+)</title>")]
    private static partial Regex Title();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
