using System.Diagnostics;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// ripgrep over the same bytes, one thread, with patterns equivalent to the detectors' candidate patterns (its regex
/// engine has no look-around, and it validates nothing: no checksums, no context), as the reference for raw speed.
/// </summary>
internal static class RipgrepReference
{
    public static readonly string[] Patterns =
    [
        @"\b\d(?:[ -]?\d){12,18}\b",
        @"\b\d{3}[- ]?\d{2}[- ]?\d{4}\b",
        @"(?:\+?1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}\b",
        @"\+\d{1,3}(?:[ .-]?\d+){2,6}",
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        @"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}\b",
        @"\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b",
        @"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}",
        @"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z2-7]{16}\b",
        @"\b[A-Za-z0-9/+]{40}\b",
        @"[A-Za-z0-9+/]{86}==",
        @"-----BEGIN [A-Z ]*PRIVATE KEY-----",
        @"eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*",
        @"gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}",
        @"xox[abposr]-\d{8,}-[0-9A-Za-z-]{10,}",
    ];

    public static double? Measure(string file, int runs)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i <= runs; i++)
        {
            var info = new ProcessStartInfo("rg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "--no-config", "-j1", "--count-matches", "--no-mmap" }) info.ArgumentList.Add(arg);
            // (?-u): ASCII classes, as the detectors use; Unicode \d and \b would make ripgrep look slower than it is.
            foreach (var pattern in Patterns) { info.ArgumentList.Add("-e"); info.ArgumentList.Add("(?-u)" + pattern); }
            info.ArgumentList.Add(file);
            var watch = Stopwatch.StartNew();
            Process? process;
            try { process = Process.Start(info); }
            catch (System.ComponentModel.Win32Exception) { return null; }
            using (process)
            {
                process!.StandardOutput.ReadToEnd();
                process.WaitForExit();
            }
            if (i > 0 && watch.Elapsed < best) best = watch.Elapsed;
        }
        return new FileInfo(file).Length / 1e6 / best.TotalSeconds;
    }
}
