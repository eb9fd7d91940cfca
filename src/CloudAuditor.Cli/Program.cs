using System.CommandLine;
using System.Runtime.CompilerServices;
using CloudAuditor.Cli;
using CloudAuditor.Core.Config;

var verbose = new Option<bool>("--verbose") { Description = "Log progress details to stderr", Recursive = true };
var root = new RootCommand("CloudAuditor: audit cloud storage for exposure, IAM, retention and sensitive data") { verbose };
// The native build (infra/native.sh) is ahead-of-time compiled and trimmed for scan-files: the other commands reach
// configuration, cloud SDKs and reports through reflection that trimming may cut. The compiler knows dynamic code is
// unsupported there, so it drops these branches and, with them, the other commands' code (a smaller binary starts faster).
if (RuntimeFeature.IsDynamicCodeSupported) root.Subcommands.Add(SweepCommand.Create(verbose));
root.Subcommands.Add(ScanFilesCommand.Create());
if (RuntimeFeature.IsDynamicCodeSupported)
{
    root.Subcommands.Add(RollbackCommand.Create(verbose));
    root.Subcommands.Add(ReportCommand.Create(verbose));
    root.Subcommands.Add(CloudAuditor.Cli.Bench.BenchCommand.Create());
}
else if (args.Length > 0 && !args[0].StartsWith('-') && args[0] != "scan-files")
{
    Console.Error.WriteLine($"cloudauditor: this native build runs scan-files only; run '{args[0]}' with ./cloudauditor.");
    return ExitCodes.BadUsage;
}

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    var sentence = string.Join(' ', parsed.Errors[0].Message.Split(['\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
    Console.Error.WriteLine($"cloudauditor: {sentence} (see 'cloudauditor --help').");
    return ExitCodes.BadUsage;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (e is ConfigException or UsageException)
{
    Console.Error.WriteLine($"cloudauditor: {e.Message}");
    return ExitCodes.BadUsage;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cloudauditor: cancelled.");
    return ExitCodes.Cancelled;
}
#pragma warning disable CA1031 // The process boundary: whatever escapes becomes one sentence and exit code 4, never a stack trace.
catch (Exception e)
#pragma warning restore CA1031
{
    // One sentence, no stack trace (which could carry values from the data being read).
    var fault = CloudAuditor.Hosting.ProviderFaults.Of(e, CancellationToken.None);
    if (fault.Kind == CloudAuditor.Core.Faults.FaultKind.Unexpected)
    {
        Console.Error.WriteLine($"cloudauditor: internal error ({e.GetType().Name}); rerun with --verbose and report it.");
        return ExitCodes.InternalError;
    }
    // Something outside the auditor failed before the sweep could account for it (the state store, most likely).
    Console.Error.WriteLine($"cloudauditor: the run stopped: {fault.Reason}.");
    return ExitCodes.Incomplete;
}
