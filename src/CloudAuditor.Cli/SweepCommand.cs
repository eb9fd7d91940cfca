using System.CommandLine;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.SensitiveData.Sampling;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor sweep --config FILE: audit every configured target and emit findings.</summary>
internal static class SweepCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var config = new Option<string>("--config") { Description = "YAML configuration file", Required = true };
        var output = new OutputOptions();
        var command = new Command("sweep", "Audit the configured Azure and AWS storage targets") { config };
        output.AddTo(command);
        command.SetAction((result, ct) => RunAsync(
            ConfigLoader.LoadFile(result.GetRequiredValue(config)), output.ResolveFormat(result), result.GetValue(output.Output),
            result.GetValue(output.FailOn), result.GetValue(verbose), ct));
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string format, string? outputPath, Core.Model.Severity? failOn, bool verbose, CancellationToken ct)
    {
        using var services = new CliServices(verbose);
        var targets = services.Providers.SelectMany(p => p.Create(config)).ToList();
        var sampler = config.Sampling.Enabled ? ContainerSampler.Create(config.Sampling, services.Loggers.CreateLogger<ContainerSampler>()) : null;
        var engine = new SweepEngine(CheckCatalog.Default, services.Loggers.CreateLogger<SweepEngine>(), sampler);
        SweepSummary summary;
        await using (var output = FindingOutput.Open(outputPath, format, $"CloudAuditor sweep of {targets.Count} target(s)"))
        {
            summary = format == "table" && !Console.IsErrorRedirected
                ? await WithProgressAsync(services.Errors, engine, () => engine.RunAsync(targets, output.Sink, config.Sweep.Concurrency, ct))
                : await engine.RunAsync(targets, output.Sink, config.Sweep.Concurrency, ct);
        }
        foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        return ExitCodeOf(summary, failOn);
    }

    internal static int ExitCodeOf(SweepSummary summary, Core.Model.Severity? failOn) =>
        summary.UnreachableTargets > 0 ? ExitCodes.Unreachable : ExitCodes.ForFindings(summary.Findings, failOn);

    private static Task<SweepSummary> WithProgressAsync(IAnsiConsole console, SweepEngine engine, Func<Task<SweepSummary>> run) =>
        console.Status().StartAsync("Sweeping…", async context =>
        {
            var audited = 0;
            engine.SubjectAudited += (target, subject) =>
                context.Status($"{Interlocked.Increment(ref audited)} resources audited — {Markup.Escape(target)}: {Markup.Escape(subject.Resource.Name)}");
            return await run();
        });
}
