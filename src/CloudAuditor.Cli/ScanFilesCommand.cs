using System.CommandLine;
using CloudAuditor.SensitiveData;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor scan-files PATH: the sensitive-data engine over local files, as cloud sampling uses it.</summary>
internal static class ScanFilesCommand
{
    public static Command Create()
    {
        var path = new Argument<string>("PATH") { Description = "A file, or a folder scanned recursively" };
        var memory = new Option<int>("--memory-budget-mb")
        {
            Description = "Memory all parallel file scans may hold at once; each waits for its share",
            DefaultValueFactory = _ => (int)(Core.Config.SamplingSettings.DefaultMemoryBudgetBytes >> 20),
        };
        var output = new OutputOptions();
        var command = new Command("scan-files", "Scan local files for PII and secrets with the cloud sampling detectors and limits") { path, memory };
        output.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetRequiredValue(path), result.GetValue(memory), output.ResolveFormat(result),
            result.GetValue(output.Output),
            result.GetValue(output.Summary), result.GetValue(output.FailOn), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, int memoryMb, string format, string? outputPath, string? summaryPath, Core.Model.Severity? failOn,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"'{path}' is neither a file nor a folder.");
        if (memoryMb is < 32 or > 65536) throw new UsageException("--memory-budget-mb takes 32 to 65536.");
        var scanner = new LocalFileScanner(new ContentScanner(DetectorSet.Default, ExtractionLimits.Default,
            ScanMemoryBudget.ForProcess((long)memoryMb << 20)));
        LocalFileScanner.Summary summary;
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor scan of {path}", SpillFolder))
        {
            summary = await scanner.ScanAsync(path, output.Sink, Environment.ProcessorCount, cancellationToken);
        }
        await CoverageNotice.ReportAsync(summary.Sweep, format, outputPath, summaryPath, cancellationToken);
        return ExitCodes.Of(summary.Sweep, failOn);
    }

    /// <summary>scan-files has no configuration folder: spills (only for non-jsonl formats to stdout) go to the temporary folder.</summary>
    private static string SpillFolder => Path.Combine(Path.GetTempPath(), "cloudauditor", "spill");
}
