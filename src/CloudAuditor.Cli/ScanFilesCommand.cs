using System.CommandLine;
using CloudAuditor.Core.Engine;
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
        var output = new OutputOptions();
        var command = new Command("scan-files", "Scan local files for PII and secrets with the cloud sampling detectors and limits") { path };
        output.AddTo(command);
        command.SetAction((result, cancellationToken) => RunAsync(result.GetRequiredValue(path), output.ResolveFormat(result), result.GetValue(output.Output), result.GetValue(output.FailOn), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string path, string format, string? outputPath, Core.Model.Severity? failOn, CancellationToken cancellationToken)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) throw new UsageException($"'{path}' is neither a file nor a folder.");
        var counter = new FindingCounter();
        var scanner = new LocalFileScanner(new ContentScanner(DetectorSet.Default, ExtractionLimits.Default));
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor scan of {path}"))
        {
            await scanner.ScanAsync(path, new CountingFindingSink(output.Sink, counter), Environment.ProcessorCount, cancellationToken);
        }
        return ExitCodes.ForFindings(counter, failOn);
    }
}
