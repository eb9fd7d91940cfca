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
        var resume = new Option<string?>("--resume") { Description = "continue an interrupted sweep by its id (printed when it started): only the " +
            "targets it had not finished are audited, and owners get one digest for the whole sweep" };
        var output = new OutputOptions();
        var command = new Command("sweep", "Audit the configured Azure and AWS storage targets") { config, mode, resume };
        output.AddTo(command);
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(config);
            var loaded = ConfigLoader.LoadFile(path);
            if (result.GetValue(mode) is { } chosen) loaded.Remediation.Mode = Enum.Parse<RemediationMode>(chosen, ignoreCase: true);
            return RunAsync(loaded, path, result.GetValue(resume), output.ResolveFormat(result), result.GetValue(output.Output),
                result.GetValue(output.Summary), result.GetValue(output.FailOn), result.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string? resume, string format, string? outputPath,
        string? summaryPath, Core.Model.Severity? failOn, bool verbose, CancellationToken cancellationToken)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, cancellationToken);
        var sweepId = resume ?? SweepRequest.NewSweepId();
        if (resume is not null) await CheckResumableAsync(runtime, resume, cancellationToken);
        await Console.Error.WriteLineAsync(resume is null ? $"Sweep {sweepId} (if interrupted, continue it with --resume {sweepId})."
            : $"Resuming sweep {sweepId}.");
        var targetNames = config.Azure.Select(t => t.Name).Concat(config.Aws.Select(t => t.Name)).ToList();
        SweepResult result;
        var spillFolder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configPath))!, ".cloudauditor", "spill");
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor sweep of {targetNames.Count} target(s), " +
            $"{config.Remediation.Mode.ToString().ToLowerInvariant()} mode", spillFolder))
        {
            var request = new SweepRequest(output.Sink) { SweepId = sweepId };
            result = format == "table" && !Console.IsErrorRedirected
                ? await SweepProgressBars.RunAsync(services.Errors, targetNames, progress
                    => runtime.SweepAsync(request with { Progress = progress }, cancellationToken))
                : await runtime.SweepAsync(request, cancellationToken);
        }
        if (result.AlreadyDone.Count > 0)
            await Console.Error.WriteLineAsync($"Skipped {result.AlreadyDone.Count} target(s) the interrupted run had finished: " +
                $"{string.Join(", ", result.AlreadyDone)}.");
        if (resume is not null && result is { Closed: true, Ledger: { } ledger }) await Console.Error.WriteLineAsync($"Sweep {ledger.Describe()}.");
        if (result.Sampling is { } sampling) await Console.Error.WriteLineAsync($"Sampling: {sampling.Describe()}.");
        if (result.Summary.Requests is { } requests) await Console.Error.WriteLineAsync($"Requests: {requests.Describe()}.");
        if (result.Notified.Count > 0)
            await Console.Error.WriteLineAsync($"Notified {result.Notified.Count} owner(s): " +
                $"{string.Join(", ", result.Notified.Select(d => $"{d.Owner} ({d.Findings.Count})"))}.");
        await CoverageNotice.ReportAsync(result.Summary, format, outputPath, summaryPath, cancellationToken);
        return ExitCodes.Of(result.Summary, failOn);
    }

    /// <summary>Only a sweep the ledger knows and has not closed can be resumed; anything else is the user's mistake, said plainly.</summary>
    private static async Task CheckResumableAsync(AuditorRuntime runtime, string sweepId, CancellationToken cancellationToken)
    {
        var sweep = await runtime.State.GetSweepAsync(sweepId, cancellationToken)
            ?? throw new UsageException($"No sweep '{sweepId}' is in the state store of {runtime.ConfigPath}; resume needs the id a sweep printed " +
                "when it started, with the same configuration.");
        if (sweep.ClosedAt is { } closed)
            throw new UsageException($"Sweep '{sweepId}' finished at {closed:u}; there is nothing to resume. Run a new sweep instead.");
    }
}
