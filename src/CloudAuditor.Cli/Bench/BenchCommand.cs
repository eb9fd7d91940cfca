using System.CommandLine;
using CloudAuditor.SensitiveData.Evaluation;
using CloudAuditor.SensitiveData.Scanning;
using Spectre.Console;

namespace CloudAuditor.Cli.Bench;

/// <summary>
/// cloudauditor bench: scan-files end to end as a user runs it (a new process over files on disk, findings written),
/// on one core and on all, with peak memory, against ripgrep with ordinary patterns on the same files in the same run;
/// then the detector core alone (in process, warm), and precision/recall per entity type.
/// </summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size-mb") { Description = "Megabytes of mixed text, and of prose (8 files each)", DefaultValueFactory = _ => 128 };
        var seed = new Option<int>("--seed") { Description = "Seed of the generated lines", DefaultValueFactory = _ => 20261123 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per measurement (best is reported)", DefaultValueFactory = _ => 3 };
        var warmUp = new Option<double>("--warm-up-seconds") { Description = "Untimed scanning before the detector-core measurement", DefaultValueFactory = _
            => 2 };
        var corpus = new Option<string?>("--corpus") { Description = "A folder of real text to build the prose from (default: the .NET SDK's API reference)" };
        var command = new Command("bench", "Measure scan-files end to end against ripgrep, the detector core, and accuracy") { size, seed, runs, warmUp,
            corpus };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(size), result.GetValue(seed), result.GetValue(runs),
            TimeSpan.FromSeconds(result.GetValue(warmUp)), result.GetValue(corpus), cancellationToken));
        return command;
    }

    /// <summary>
    /// The builds a user's scan-files can run on: this one, and the native build (infra/native.sh) when ./cloudauditor
    /// found one built from the current sources and named it in CLOUDAUDITOR_NATIVE.
    /// </summary>
    private static IEnumerable<(string Name, string[] Program)> Builds()
    {
        var assembly = typeof(BenchCommand).Assembly.Location;
        // ./cloudauditor publishes the ReadyToRun build into an r2r folder and falls back to a plain (JIT) build.
        var thisBuild = assembly.Contains($"{Path.DirectorySeparatorChar}r2r{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "ReadyToRun" : "JIT";
        yield return (thisBuild, [Environment.ProcessPath!, assembly]);
        if (Environment.GetEnvironmentVariable("CLOUDAUDITOR_NATIVE") is { } native && File.Exists(native)) yield return ("native", [native]);
    }

    private static async Task<int> RunAsync(int sizeMb, int seed, int runs, TimeSpan warmUp, string? corpusFolder, CancellationToken cancellationToken)
    {
        if (sizeMb is < 1 or > 4096) throw new UsageException("--size-mb takes 1 to 4096.");
        if (runs is < 1 or > 100) throw new UsageException("--runs takes 1 to 100.");
        if (warmUp < TimeSpan.Zero || warmUp > TimeSpan.FromMinutes(10)) throw new UsageException("--warm-up-seconds takes 0 to 600.");
        if (corpusFolder is not null && !Directory.Exists(corpusFolder)) throw new UsageException($"--corpus '{corpusFolder}' is not a folder.");
        var console = AnsiConsole.Console;
        var work = Directory.CreateTempSubdirectory("cloudauditor-bench-");
        try
        {
            var corpus = BenchCorpus.Load(corpusFolder, seed);
            var mixed = await corpus.WriteMixedAsync(work.FullName, (long)sizeMb << 20, cancellationToken);
            var prose = await corpus.WriteProseAsync(work.FullName, (long)sizeMb << 20, cancellationToken);
            var patterns = Path.Combine(work.FullName, "patterns.txt");
            await File.WriteAllLinesAsync(patterns, RipgrepReference.Patterns, cancellationToken);
            console.MarkupLine($"[bold]End to end[/] — process start to findings on disk, best of {runs}; prose from {Markup.Escape(corpus.Source)}; " +
                $"mixed: {sizeMb} MB in 8 files (65% prose, 30% log lines with digits, 5% PII or secrets); prose: {sizeMb} MB in 8 files, digits removed");
            var table = new Table().AddColumns("corpus", "tool", "cores", "seconds", "MB/s", "peak MiB", "vs ripgrep");
            foreach (var (name, path) in new[] { ("mixed", mixed), ("prose", prose) })
            {
                var bytes = Directory.EnumerateFiles(path).Sum(f => new FileInfo(f).Length);
                foreach (var oneCore in new[] { true, false })
                {
                    var cores = oneCore ? "1" : $"{Environment.ProcessorCount}";
                    var rg = EndToEndRun.Measure(RipgrepReference.Command(patterns, path, oneCore), oneCore, runs);
                    var summary = Path.Combine(work.FullName, "summary.json");
                    foreach (var (build, program) in Builds())
                    {
                        string[] scan = [.. program, "scan-files", path, "--format", "jsonl", "--output", Path.Combine(work.FullName, "findings.jsonl"),
                            "--summary", summary];
                        var ours = EndToEndRun.Measure(scan, oneCore, runs, summary);
                        table.AddRow(name, $"cloudauditor scan-files ({build})", cores, Seconds(ours), Rate(bytes, ours), Peak(ours),
                            ours is not null && rg is not null ? $"{rg.Seconds / ours.Seconds:F2}x" : "—");
                    }
                    table.AddRow(name, oneCore ? "rg -j1" : "rg", cores, Seconds(rg), Rate(bytes, rg), "—", rg is null ? "not installed" : "1.00x");
                }
            }
            console.Write(table);
            console.MarkupLine("ripgrep patterns (rg --no-config --count -f patterns.txt):");
            foreach (var pattern in RipgrepReference.Patterns) console.WriteLine($"  {pattern}");

            var text = await File.ReadAllTextAsync(Path.Combine(mixed, "part0.txt"), cancellationToken);
            var (mbps, detections) = DetectorThroughput.Measure(text, runs, warmUp);
            console.MarkupLine($"[bold]Detector core[/] — in process, one thread, warm: {mbps:F0} MB/s on {text.Length / 1e6:F0} MB of mixed text, " +
                $"{detections:N0} detections");

            var (perType, overall) = AccuracyReport.Evaluate(DetectorSet.Default, new LabeledCorpus(seed + 1).Lines(20_000, 0.4));
            var accuracy = new Table().AddColumns("entity type", "precision", "recall", "F1", "TP", "FP", "FN");
            foreach (var t in perType.Append(overall))
                accuracy.AddRow(t.Type, $"{t.Precision:F3}", $"{t.Recall:F3}", $"{t.F1:F3}", $"{t.TruePositives}", $"{t.FalsePositives}",
                    $"{t.FalseNegatives}");
            console.MarkupLine("[bold]Accuracy[/] — 20,000 labelled lines (40% with an entity, 18% lookalikes)");
            console.Write(accuracy);

            var files = Path.Combine(AppContext.BaseDirectory, "Bench", "LeakCorpus");
            var (fileTypes, fileOverall) = await FileCorpusEvaluation.EvaluateAsync(files, cancellationToken);
            var real = new Table().AddColumns("entity type", "precision", "recall", "F1", "TP", "FP", "FN");
            foreach (var t in fileTypes.Append(fileOverall))
                real.AddRow(t.Type, $"{t.Precision:F3}", $"{t.Recall:F3}", $"{t.F1:F3}", $"{t.TruePositives}", $"{t.FalsePositives}", $"{t.FalseNegatives}");
            console.MarkupLine($"[bold]Accuracy on real-format files[/] — {Directory.EnumerateFiles(files).Count() - 1} files (.env, shell, compose, " +
                "Kubernetes, tfvars, AWS CLI, appsettings, CI log, CSV, JSON export, README lookalikes), counts checked by hand");
            console.Write(real);
        }
        finally
        {
            work.Delete(recursive: true);
        }
        return ExitCodes.Ran;
    }

    private static string Seconds(EndToEndRun.Result? run) => run is null ? "—" : $"{run.Seconds:F2}";

    private static string Rate(long bytes, EndToEndRun.Result? run) => run is null ? "—" : $"{bytes / 1e6 / run.Seconds:F0}";

    private static string Peak(EndToEndRun.Result? run) => run?.PeakBytes is { } peak ? $"{peak >> 20:N0}" : "—";
}
