using System.CommandLine;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Hosting;

namespace CloudAuditor.Cli;

/// <summary>cloudauditor rollback --config FILE REMEDIATION_ID: restore the state journalled before a remediation.</summary>
internal static class RollbackCommand
{
    public static Command Create(Option<bool> verbose)
    {
        var config = new Option<string>("--config") { Description = "YAML configuration file (names the target and the state store)", Required = true };
        var id = new Argument<string>("REMEDIATION_ID") { Description = "The id printed in the remediated finding (rem-...)" };
        var command = new Command("rollback", "Undo one remediation by restoring the prior state recorded in the journal") { config, id };
        command.SetAction((result, ct) =>
        {
            var path = result.GetRequiredValue(config);
            return RunAsync(ConfigLoader.LoadFile(path), path, result.GetRequiredValue(id), result.GetValue(verbose), ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string id, bool verbose, CancellationToken ct)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, ct);
        var state = runtime.State;
        var record = await state.GetRemediationAsync(id, ct) ?? throw new UsageException($"No remediation with id '{id}' is in the journal.");
        if (record.Status == RemediationStatus.RolledBack)
        {
            Console.WriteLine($"{id} was already rolled back; nothing changed.");
            return ExitCodes.Ran;
        }
        if (record.Status is RemediationStatus.Planned or RemediationStatus.Failed)
            Console.Error.WriteLine($"cloudauditor: {id} is journalled as {record.Status.ToString().ToLowerInvariant()}; restoring the recorded prior state anyway.");
        var target = runtime.Targets().FirstOrDefault(t => t.Name == record.Target)
            ?? throw new UsageException($"Target '{record.Target}' of {id} is not in {configPath}.");
        var remediator = target.Remediators.FirstOrDefault(r => r.CheckId == record.CheckId)
            ?? throw new UsageException($"Target '{record.Target}' cannot undo {record.CheckId} changes with this configuration.");
        try
        {
            await remediator.RollbackAsync(record, ct);
        }
        catch (RemediationException e)
        {
            Console.Error.WriteLine($"cloudauditor: rollback of {id} failed: {e.Message}.");
            return ExitCodes.Unreachable;
        }
        await state.UpdateRemediationAsync(id, RemediationStatus.RolledBack, $"rolled back at {DateTimeOffset.UtcNow:O}", DateTimeOffset.UtcNow, ct);
        Console.WriteLine($"Rolled back {id} on {record.ResourceId}: undid \"{record.Action}\".");
        return ExitCodes.Ran;
    }
}
