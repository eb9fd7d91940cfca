using System.Text.Json;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Cli;

/// <summary>
/// What the run could not cover, told where a person or a script will see it: each coverage line on stderr (a table
/// on stdout carries them in its footer already), and the summary document where --summary asks for it.
/// </summary>
internal static class CoverageNotice
{
    public static async Task ReportAsync(SweepSummary summary, string format, string? outputPath, string? summaryPath, CancellationToken cancellationToken)
    {
        if (!(format == "table" && OutputOptions.IsStdout(outputPath)))
        {
            foreach (var line in summary.Coverage.Lines()) await Console.Error.WriteLineAsync($"Coverage: {line}");
        }
        if (!summary.Coverage.Complete)
            await Console.Error.WriteLineAsync("cloudauditor: the audit is incomplete (exit code 3): the coverage lines above say what was not read and why.");
        if (summaryPath is null) return;
        var document = JsonSerializer.Serialize(SweepSummaryDocument.From(summary), FindingJson.Indented);
        if (summaryPath == "-")
        {
            await Console.Error.WriteLineAsync(document);
            return;
        }
        try
        {
            await File.WriteAllTextAsync(summaryPath, document + "\n", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write the summary to '{summaryPath}': {e.Message}");
        }
    }
}
