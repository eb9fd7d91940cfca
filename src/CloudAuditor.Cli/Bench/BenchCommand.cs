using System.CommandLine;
using System.Diagnostics;
using CloudAuditor.Core.Output;
using CloudAuditor.SensitiveData;
using CloudAuditor.SensitiveData.Evaluation;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;
using Spectre.Console;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// cloudauditor bench: detector MB/s per core (clean, mixed and PII-dense text) against ripgrep on the same bytes,
/// precision/recall per entity type, and files/s with peak memory for scan-files over a generated tree.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size-mb") { Description = "Megabytes of text per corpus", DefaultValueFactory = _ => 32 };
        var seed = new Option<int>("--seed") { Description = "Corpus seed", DefaultValueFactory = _ => 20261123 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per measurement (best is reported)", DefaultValueFactory = _ => 3 };
        var warmUp = new Option<double>("--warm-up-seconds") { Description = "Untimed scanning before each speed measurement, for the JIT to settle", DefaultValueFactory = _ => 2 };
        var command = new Command("bench", "Measure detector speed and accuracy (and ripgrep on the same text, if installed)") { size, seed, runs, warmUp };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(size), result.GetValue(seed), result.GetValue(runs), TimeSpan.FromSeconds(result.GetValue(warmUp)), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(int sizeMb, int seed, int runs, TimeSpan warmUp, CancellationToken cancellationToken)
    {
        if (sizeMb is < 1 or > 1024) throw new UsageException("--size-mb takes 1 to 1024.");
        if (runs is < 1 or > 100) throw new UsageException("--runs takes 1 to 100.");
        if (warmUp < TimeSpan.Zero || warmUp > TimeSpan.FromMinutes(10)) throw new UsageException("--warm-up-seconds takes 0 to 600.");
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Detectors[/] — {DetectorSet.Default.EntityTypes.Count()} entity types, one core, best of {runs} runs after a warm-up, {sizeMb} MB per corpus");
        var speed = new Table().AddColumns("corpus", "PII lines", "CloudAuditor MB/s", "detections", "ripgrep -j1 MB/s");
        var work = Directory.CreateTempSubdirectory("cloudauditor-bench-");
        try
        {
            foreach (var (name, share) in new[] { ("clean", 0.0), ("mixed", 0.05), ("pii-dense", 0.6) })
            {
                var text = new LabeledCorpus(seed).Text(sizeMb << 20, share);
                var (mbps, detections) = DetectorThroughput.Measure(text, runs, warmUp);
                var file = Path.Combine(work.FullName, $"{name}.txt");
                await File.WriteAllTextAsync(file, text, cancellationToken);
                var rg = RipgrepReference.Measure(file, runs);
                speed.AddRow(name, $"{share:P0}", $"{mbps:F0}", $"{detections:N0}", rg is { } r ? $"{r:F0}" : "not installed");
            }
            console.Write(speed);

            var (perType, overall) = AccuracyReport.Evaluate(DetectorSet.Default, new LabeledCorpus(seed + 1).Lines(20_000, 0.4));
            var accuracy = new Table().AddColumns("entity type", "precision", "recall", "F1", "TP", "FP", "FN");
            foreach (var t in perType.Append(overall))
                accuracy.AddRow(t.Type, $"{t.Precision:F3}", $"{t.Recall:F3}", $"{t.F1:F3}", $"{t.TruePositives}", $"{t.FalsePositives}", $"{t.FalseNegatives}");
            console.MarkupLine("[bold]Accuracy[/] — 20,000 labelled lines (40% with an entity, 18% lookalikes)");
            console.Write(accuracy);

            await BenchFilesAsync(console, work.FullName, seed, cancellationToken);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return ExitCodes.Ran;
    }

    /// <summary>scan-files end to end: a tree of mixed formats, all cores, objects/s and the process's peak working set.</summary>
    private static async Task BenchFilesAsync(IAnsiConsole console, string work, int seed, CancellationToken cancellationToken)
    {
        var root = Directory.CreateDirectory(Path.Combine(work, "tree")).FullName;
        var corpus = new LabeledCorpus(seed + 2);
        for (var i = 0; i < 2000; i++)
        {
            var text = corpus.Text(16 << 10, 0.1);
            var path = Path.Combine(root, $"dir{i % 20}", i % 4 == 0 ? $"export{i}.csv" : i % 4 == 1 ? $"events{i}.json" : $"app{i}.log");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (i % 4 == 1) text = System.Text.Json.JsonSerializer.Serialize(text.Split('\n'));
            await File.WriteAllTextAsync(path, text, cancellationToken);
            if (i % 50 == 0)
            {
                await using var gz = new System.IO.Compression.GZipStream(File.Create(path + ".gz"), System.IO.Compression.CompressionLevel.Fastest);
                await gz.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
            }
        }
        var scanner = new LocalFileScanner(new ContentScanner(DetectorSet.Default, ExtractionLimits.Default, ScanMemoryBudget.ForProcess(Core.Config.SamplingSettings.DefaultMemoryBudgetBytes)));
        var watch = Stopwatch.StartNew();
        var summary = await scanner.ScanAsync(root, NullFindingSink.Instance, Environment.ProcessorCount, cancellationToken);
        var elapsed = watch.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        console.MarkupLine($"[bold]scan-files[/] — {summary.Files:N0} files, {summary.Bytes / 1e6:F0} MB on {Environment.ProcessorCount} cores: " +
            $"{summary.Files / elapsed:F0} files/s, {summary.Bytes / 1e6 / elapsed:F0} MB/s, {summary.WithFindings:N0} with findings, " +
            $"peak working set {self.PeakWorkingSet64 / (1 << 20):N0} MiB (whole bench process)");
    }
}
