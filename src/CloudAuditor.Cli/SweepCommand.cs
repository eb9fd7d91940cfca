using System.CommandLine;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Hosting;
using CloudAuditor.Notifications;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor sweep --config FILE: audit every configured target and emit findings.</summary>
internal static class SweepCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var config = new Option<string>("--config") { Description = "YAML configuration file", Required = true };
        var mode = new Option<string?>("--mode") { Description = "audit (report only, the default) or enforce (fix the checks opted in under remediation.checks)" };
        mode.AcceptOnlyFromAmong("audit", "enforce");
        var output = new OutputOptions();
        var command = new Command("sweep", "Audit the configured Azure and AWS storage targets") { config, mode };
        output.AddTo(command);
        command.SetAction((result, ct) =>
        {
            var path = result.GetRequiredValue(config);
            var loaded = ConfigLoader.LoadFile(path);
            if (result.GetValue(mode) is { } chosen) loaded.Remediation.Mode = Enum.Parse<RemediationMode>(chosen, ignoreCase: true);
            return RunAsync(loaded, path, output.ResolveFormat(result), result.GetValue(output.Output), result.GetValue(output.FailOn), result.GetValue(verbose), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string format, string? outputPath, Core.Model.Severity? failOn, bool verbose, CancellationToken ct)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, ct);
        var targets = runtime.Targets();
        var engine = runtime.Engine();
        SweepSummary summary;
        NotificationSink notifications;
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor sweep of {targets.Count} target(s), {config.Remediation.Mode.ToString().ToLowerInvariant()} mode"))
        {
            (var sink, notifications) = runtime.Sinks(output.Sink);
            summary = format == "table" && !Console.IsErrorRedirected
                ? await WithProgressAsync(services.Errors, engine, targets, () => engine.RunAsync(targets, sink, config.Sweep.Concurrency, ct))
                : await engine.RunAsync(targets, sink, config.Sweep.Concurrency, ct);
        }
        foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        if (notifications.Sent.Count > 0)
            await Console.Error.WriteLineAsync($"Notified {notifications.Sent.Count} owner(s): {string.Join(", ", notifications.Sent.Select(d => $"{d.Owner} ({d.Findings.Count})"))}.");
        return ExitCodeOf(summary, failOn);
    }

    internal static int ExitCodeOf(SweepSummary summary, Core.Model.Severity? failOn) =>
        summary.UnreachableTargets > 0 ? ExitCodes.Unreachable : ExitCodes.ForFindings(summary.Findings, failOn);

    /// <summary>On stderr: a bar over the targets, and a line per target counting its resources as they are audited.</summary>
    private static Task<SweepSummary> WithProgressAsync(IAnsiConsole console, SweepEngine engine, IReadOnlyList<ITargetInventory> targets, Func<Task<SweepSummary>> run) =>
        console.Progress().AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var overall = context.AddTask($"{targets.Count} target(s)", maxValue: targets.Count);
                var perTarget = targets.ToDictionary(t => t.Name, t => context.AddTask(Markup.Escape(t.Name)).IsIndeterminate());
                var audited = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
                engine.SubjectAudited += (target, _) => perTarget[target].Description = $"{Markup.Escape(target)}: {audited.AddOrUpdate(target, 1, (_, n) => n + 1)} resources";
                engine.TargetCompleted += target =>
                {
                    perTarget[target].IsIndeterminate(false).Value(perTarget[target].MaxValue);
                    overall.Increment(1);
                };
                return await run();
            });
}
