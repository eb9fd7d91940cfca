using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>What every command needs: logging to stderr (never stdout, which belongs to the output format).</summary>
internal sealed class CliServices : IDisposable
{
    public ILoggerFactory Loggers { get; }

    public IAnsiConsole Errors { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public CliServices(bool verbose)
    {
        Loggers = LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning)
            .AddFilter("Azure", LogLevel.Warning)
            .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; })
            .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
    }

    public void Dispose() => Loggers.Dispose();
}
