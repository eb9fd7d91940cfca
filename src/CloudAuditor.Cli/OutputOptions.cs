using System.CommandLine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Cli;

/// <summary>The --format / --output / --fail-on options shared by commands that emit findings.</summary>
internal sealed class OutputOptions
{
    public Option<string?> Format { get; } = new("--format")
    {
        Description = "jsonl, json, table, html or ocsf (default: table on a terminal, jsonl otherwise)",
    };

    public Option<string?> Output { get; } = new("--output")
    {
        Description = "File to write; '-' or omitted for stdout",
    };

    public Option<string?> Summary { get; } = new("--summary")
    {
        Description = "Also write the run's summary (complete or not, coverage, counts) as JSON to this file; '-' for stderr",
    };

    public Option<Severity?> FailOn { get; } = new("--fail-on")
    {
        Description = "Exit 1 when a failing finding has this severity or higher (critical, high, medium, low, info)",
        CustomParser = result =>
        {
            if (Enum.TryParse<Severity>(result.Tokens[0].Value, ignoreCase: true, out var severity)) return severity;
            result.AddError($"--fail-on takes critical, high, medium, low or info, not '{result.Tokens[0].Value}'");
            return null;
        },
    };

    public OutputOptions() => Format.AcceptOnlyFromAmong("jsonl", "json", "table", "html", "ocsf");

    public void AddTo(Command command)
    {
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(Summary);
        command.Options.Add(FailOn);
    }

    public string ResolveFormat(ParseResult result)
    {
        var output = result.GetValue(Output);
        return result.GetValue(Format) ?? (IsStdout(output) && !Console.IsOutputRedirected ? "table" : "jsonl");
    }

    public static bool IsStdout(string? output) => output is null or "-";
}
