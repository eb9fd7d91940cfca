using System.CommandLine;
using CloudAuditor.Core.Config;
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
        command.SetAction((result, cancellationToken) =>
        {
            var path = result.GetRequiredValue(config);
            return RunAsync(ConfigLoader.LoadFile(path), path, result.GetRequiredValue(id), result.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(AuditorConfig config, string configPath, string id, bool verbose, CancellationToken cancellationToken)
    {
        using var services = new CliServices(verbose);
        await using var runtime = await AuditorRuntime.OpenAsync(config, configPath, services.Loggers, cancellationToken);
        var journalled = await runtime.State.GetRemediationAsync(id, cancellationToken);
        if (journalled?.Status is RemediationStatus.Planned or RemediationStatus.Failed)
            Console.Error.WriteLine($"cloudauditor: {id} is journalled as {journalled.Status.ToString().ToLowerInvariant()}; restoring the recorded prior " +
                $"state anyway.");
        var result = await runtime.RollbackAsync(id, cancellationToken);
        switch (result.Outcome)
        {
            case RollbackOutcome.RolledBack or RollbackOutcome.AlreadyRolledBack:
                Console.WriteLine(result.Reason);
                return ExitCodes.Ran;
            case RollbackOutcome.Failed:
                Console.Error.WriteLine($"cloudauditor: {result.Reason}");
                return ExitCodes.Incomplete;
            default:
                throw new UsageException(result.Reason);
        }
    }
}
