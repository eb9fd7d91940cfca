using System.Diagnostics;
using System.Globalization;

namespace CloudAuditor.SweepBench;

/// <summary>
/// CPU time the emulators (Azurite, s3rver: one Node.js thread each) spend serving a run. A run whose emulator was busy for
/// most of its wall time measured the emulator, not the client: shown beside every row, so a ratio is read with its bottleneck.
/// </summary>
/// <param name="state">The folder start.sh wrote the emulators' pid files to.</param>
internal sealed class EmulatorCpu(string state)
{
    private readonly Dictionary<string, int> _pids = new[] { "azurite", "s3rver" }
        .Where(name => File.Exists(Path.Combine(state, $"{name}.pid")))
        .ToDictionary(name => name, name => int.Parse(File.ReadAllText(Path.Combine(state, $"{name}.pid")).Trim(), CultureInfo.InvariantCulture));

    /// <summary>Each emulator's CPU seconds so far.</summary>
    public Dictionary<string, double> Read() => _pids.ToDictionary(p => p.Key, p => Seconds(p.Value));

    /// <summary>Each emulator's CPU seconds since <paramref name="before"/>, as "azurite 1.2 s, s3rver 3.4 s".</summary>
    public string Since(Dictionary<string, double> before) =>
        string.Join(", ", Read().Select(now => $"{now.Key} {now.Value - before.GetValueOrDefault(now.Key):F1} s"));

    private static double Seconds(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime.TotalSeconds;
        }
        catch (ArgumentException)
        {
            return double.NaN; // the emulator is gone: the run's own exit and coverage say what that cost
        }
    }
}
