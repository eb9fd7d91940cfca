using System.CommandLine;
using CloudAuditor.Core.Config;
using CloudAuditor.Hosting;
using CloudAuditor.Hosting.Reports;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor report retention --config FILE [--format csv|json|html|xlsx] [--output FILE] [--content]</summary>
internal static class ReportCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var config = new Option<string>("--config") { Description = "YAML configuration file", Required = true };
        var format = new Option<string>("--format") { Description = "csv (default), json, html or xlsx", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "json", "html", "xlsx");
        var output = new Option<string?>("--output") { Description = "File to write; '-' or omitted for stdout" };
        var content = new Option<bool>("--content")
        {
            Description = "Also sample each container's content and add the data class it is detected as, and its sensitivity score",
        };
        var retention = new Command("retention", "Retention posture of every container and bucket, judged against its data class")
        {
            config, format, output, content,
        };
        retention.SetAction((result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(config);
            return RunAsync(ConfigLoader.LoadFile(path), path, result.GetRequiredValue(format), result.GetValue(output), result.GetValue(content),
                result.GetValue(verbose), cancellationToken);
        });
        var metricsConfig = new Option<string>("--config") { Description = "YAML configuration file", Required = true };
        var since = new Option<DateOnly?>("--since") { Description = "First day of the period (UTC, yyyy-mm-dd); default: 90 days ago" };
        var metricsFormat = new Option<string>("--format") { Description = "json (default), csv or html", DefaultValueFactory = _ => "json" };
        metricsFormat.AcceptOnlyFromAmong("json", "csv", "html");
        var metricsOutput = new Option<string?>("--output") { Description = "File to write; '-' or omitted for stdout" };
        var metrics = new Command("metrics", "Leakage metrics from the findings' history: detections per week, time to detect and to remediate, " +
            "SLA, open critical findings, expiring exemptions") { metricsConfig, since, metricsFormat, metricsOutput };
        metrics.SetAction((result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(metricsConfig);
            return MetricsAsync(ConfigLoader.LoadFile(path), path, result.GetValue(since), result.GetRequiredValue(metricsFormat),
                result.GetValue(metricsOutput), result.GetValue(verbose), cancellationToken);
        });
        return new Command("report", "Compliance exports") { retention, metrics };
    }

    private static async Task<int> MetricsAsync(AuditorConfig config, string configPath, DateOnly? since, string format, string? outputPath, bool verbose,
        CancellationToken cancellationToken)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, cancellationToken);
        var until = DateTimeOffset.UtcNow;
        var from = since is { } day ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : until.AddDays(-90);
        if (from > until) throw new UsageException($"--since {since:yyyy-MM-dd} is in the future.");
        var metrics = await Hosting.Reports.Metrics.LeakageMetrics.CollectAsync(runtime.State, config, from, until, cancellationToken);
        await using (var stream = OutputOptions.IsStdout(outputPath) ? Console.OpenStandardOutput() : OpenFile(outputPath!))
            await Hosting.Reports.Metrics.MetricsReportWriters.WriteAsync(format, metrics, stream, cancellationToken);
        await Console.Error.WriteLineAsync($"Metrics from {from:yyyy-MM-dd} to {until:yyyy-MM-dd}: {metrics.Detections.Sum(d => d.Count)} detections, " +
            $"{metrics.Remediation.Sum(r => r.Closed)} closed, {metrics.Remediation.Sum(r => r.OpenAtEnd)} open.");
        return ExitCodes.Ran;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string format, string? outputPath, bool content, bool verbose,
        CancellationToken cancellationToken)
    {
        if (format == "xlsx" && OutputOptions.IsStdout(outputPath) && !Console.IsOutputRedirected)
            throw new UsageException("xlsx is binary: give --output FILE (or redirect stdout).");
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, cancellationToken);
        var (rows, summary) = await RetentionReport.CollectAsync(runtime, content, cancellationToken);
        await using (var stream = OutputOptions.IsStdout(outputPath) ? Console.OpenStandardOutput() : OpenFile(outputPath!))
            await RetentionReportWriters.WriteAsync(format, rows, stream, cancellationToken);
        await Console.Error.WriteLineAsync($"Retention report: {rows.Count} containers and buckets, {rows.Count(r => r.Verdict == "non-compliant")} " +
            $"non-compliant.");
        foreach (var line in summary.Coverage.Lines()) await Console.Error.WriteLineAsync($"Coverage: {line}");
        return summary.Coverage.Complete ? ExitCodes.Ran : ExitCodes.Incomplete;
    }

    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"Cannot write to '{path}': {e.Message}");
        }
    }
}
