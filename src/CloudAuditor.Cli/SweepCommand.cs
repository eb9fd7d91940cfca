using System.CommandLine;
using CloudAuditor.Core.Config;
using CloudAuditor.Hosting;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor sweep --config FILE: audit every configured target and emit findings.</summary>
internal static class SweepCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var config = new Option<string>("--config") { Description = "YAML configuration file", Required = true };
        var mode = new Option<string?>("--mode") { Description = "audit (report only, the default) or enforce (fix the checks opted in under " +
            "remediation.checks)" };
        mode.AcceptOnlyFromAmong("audit", "enforce");
        var output = new OutputOptions();
        var command = new Command("sweep", "Audit the configured Azure and AWS storage targets") { config, mode };
        output.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(config);
            var loaded = ConfigLoader.LoadFile(path);
            if (result.GetValue(mode) is { } chosen) loaded.Remediation.Mode = Enum.Parse<RemediationMode>(chosen, ignoreCase: true);
            return RunAsync(loaded, path, output.ResolveFormat(result), result.GetValue(output.Output), result.GetValue(output.Summary),
                result.GetValue(output.FailOn),
                result.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string format, string? outputPath, string? summaryPath,
        Core.Model.Severity? failOn,
        bool verbose, CancellationToken cancellationToken)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, cancellationToken);
        var targetNames = config.Azure.Select(t => t.Name).Concat(config.Aws.Select(t => t.Name)).ToList();
        SweepResult result;
        var spillFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, ".cloudauditor", "spill");
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor sweep of {targetNames.Count} target(s), " +
            $"{config.Remediation.Mode.ToString().ToLowerInvariant()} mode", spillFolder))
        {
            var request = new SweepRequest(output.Sink);
            result = format == "table" && !Console.IsErrorRedirected
                ? await SweepProgressBars.RunAsync(services.Errors, targetNames, progress
                    => runtime.SweepAsync(request with { Progress = progress }, cancellationToken))
                : await runtime.SweepAsync(request, cancellationToken);
        }
        if (result.Notified.Count > 0)
            await Console.Error.WriteLineAsync($"Notified {result.Notified.Count} owner(s): " +
                $"{string.Join(", ", result.Notified.Select(d => $"{d.Owner} ({d.Findings.Count})"))}.");
        await CoverageNotice.ReportAsync(result.Summary, format, outputPath, summaryPath, cancellationToken);
        return ExitCodes.Of(result.Summary, failOn);
    }
}
