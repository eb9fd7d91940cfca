using System.Diagnostics;
using System.Text;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// Single-thread MB/s of the full detector set over one text: the best of several timed runs, after scanning untimed
/// for a while so tiered JIT and dynamic PGO settle (a scanner in a sweep or Functions host runs warm; a single cold
/// warm-up run measured tier-0 and instrumented code and reported about half the steady-state speed).
/// </summary>
internal static class DetectorThroughput
{
    public static (double MegabytesPerSecond, int Detections) Measure(string text, int runs, TimeSpan warmUp)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        for (var watch = Stopwatch.StartNew(); watch.Elapsed < warmUp;) DetectorSet.Default.Scan(text, FieldContext.None, new DetectionTally());
        var best = TimeSpan.MaxValue;
        var detections = 0;
        for (var i = 0; i < runs; i++)
        {
            var tally = new DetectionTally();
            var watch = Stopwatch.StartNew();
            DetectorSet.Default.Scan(text, FieldContext.None, tally);
            if (watch.Elapsed < best) best = watch.Elapsed;
            detections = tally.Total;
        }
        return (bytes / 1e6 / best.TotalSeconds, detections);
    }
}
