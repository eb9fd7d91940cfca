using System.Diagnostics;
using System.Text.Json;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// One tool run as a user runs it: a new process (start-up included) over files on disk, on one core (taskset -c 0)
/// or all, best wall time of several runs, with the process's peak memory where the tool reports it.
/// </summary>
internal static class EndToEndRun
{
    public sealed record Result(double Seconds, long? PeakBytes);

    /// <returns>Null when the tool (ripgrep, taskset) is not installed.</returns>
    public static Result? Measure(string[] command, bool oneCore, int runs, string? summaryPath = null)
    {
        string[] full = oneCore ? ["taskset", "-c", "0", .. command] : command;
        Result? best = null;
        for (var i = 0; i < runs; i++)
        {
            var info = new ProcessStartInfo(full[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in full.Skip(1)) info.ArgumentList.Add(arg);
            var watch = Stopwatch.StartNew();
            Process? process;
            try
            {
                process = Process.Start(info);
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
            using (process)
            {
                var stderr = process!.StandardError.ReadToEndAsync();
                process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                stderr.Wait();
            }
            var seconds = watch.Elapsed.TotalSeconds;
            var peak = summaryPath is null ? null : PeakFrom(summaryPath);
            if (best is null || seconds < best.Seconds) best = new Result(seconds, peak ?? best?.PeakBytes);
        }
        return best;
    }

    private static long? PeakFrom(string summaryPath)
    {
        if (!File.Exists(summaryPath)) return null;
        using var summary = JsonDocument.Parse(File.ReadAllText(summaryPath));
        return summary.RootElement.GetProperty("process").GetProperty("peakWorkingSetBytes").GetInt64();
    }
}
