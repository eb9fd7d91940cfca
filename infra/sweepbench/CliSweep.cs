using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CloudAuditor.SweepBench;

/// <summary>One `cloudauditor sweep` as a user runs it: a new process, findings to a file, its summary read back for peak memory and CPU time.</summary>
internal static partial class CliSweep
{
    public sealed record Result(double Seconds, long PeakBytes, double CpuSeconds, int Exit, string Stderr, string FindingsPath)
    {
        public int ObjectsRead => SamplingRead().Match(Stderr) is { Success: true } m
            ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

        public string Sampling => SamplingLine().Match(Stderr).Value;
    }

    /// <param name="verbose">Information lines on stderr too (what the change feed did, for one).</param>
    public static async Task<Result> RunAsync(string cli, string config, string work, string name, bool verbose = false)
    {
        var findings = Path.Combine(work, $"{name}.jsonl");
        var summary = Path.Combine(work, $"{name}-summary.json");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { cli, "sweep", "--config", config, "--format", "jsonl", "--output", findings, "--summary", summary })
            info.ArgumentList.Add(arg);
        if (verbose) info.ArgumentList.Add("--verbose");
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var seconds = watch.Elapsed.TotalSeconds;
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(summary));
        var usage = document.RootElement.GetProperty("process");
        return new Result(seconds, usage.GetProperty("peakWorkingSetBytes").GetInt64(), usage.GetProperty("cpuSeconds").GetDouble(), process.ExitCode,
            await stderr, findings);
    }

    [GeneratedRegex(@"Sampling: read (\d+) object")]
    private static partial Regex SamplingRead();

    [GeneratedRegex(@"Sampling: [^\n]*")]
    private static partial Regex SamplingLine();
}
