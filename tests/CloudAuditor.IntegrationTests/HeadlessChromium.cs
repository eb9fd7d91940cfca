using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CloudAuditor.IntegrationTests;

/// <summary>A page as a person sees it: Debian's Chromium, headless, in a 1,280 x 900 window.</summary>
public static partial class HeadlessChromium
{
    private static readonly string[] Paths = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

    private static string Executable => Paths.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (CI's .ci/run installs it).");

    /// <summary>
    /// Loads the page with a probe script of the test's own appended (the page itself runs none) and returns the numbers the
    /// probe expression joins with '|': the page's scroll width and the window's width first, then whatever the test counts.
    /// </summary>
    public static async Task<int[]> MeasureAsync(string html, string counts, string folder)
    {
        var probe = html.Replace("</body>", "<script>document.title = document.documentElement.scrollWidth + '|' + window.innerWidth + '|' + " +
            $"{counts};</script></body>", StringComparison.Ordinal);
        var page = Path.Combine(folder, $"probe-{Guid.NewGuid():N}.html");
        await File.WriteAllTextAsync(page, probe);
        var dom = await RunAsync("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", "--virtual-time-budget=3000", "--dump-dom",
            new Uri(page).AbsoluteUri);
        return [.. Title().Match(dom).Groups[1].Value.Split('|').Select(int.Parse)];
    }

    /// <summary>What a person would look at; kept when CLOUDAUDITOR_KEEP_RENDERS names a folder.</summary>
    /// <returns>The screenshot's size in bytes: a blank page compresses to almost nothing.</returns>
    public static async Task<long> ScreenshotAsync(string html, string folder, string name)
    {
        var page = Path.Combine(folder, $"{name}.html");
        await File.WriteAllTextAsync(page, html);
        var screenshot = Path.Combine(Environment.GetEnvironmentVariable("CLOUDAUDITOR_KEEP_RENDERS") ?? folder, $"{name}.png");
        await RunAsync("--headless", "--no-sandbox", "--disable-gpu", "--window-size=1280,900", $"--screenshot={screenshot}", new Uri(page).AbsoluteUri);
        return new FileInfo(screenshot).Length;
    }

    private static async Task<string> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
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
}
