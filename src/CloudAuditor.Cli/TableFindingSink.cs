using System.Collections.Concurrent;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>For people: problems first, most severe first, passes only counted.</summary>
internal sealed class TableFindingSink(TextWriter writer, bool colours, string title) : IFindingSink
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        _findings.Enqueue(finding);
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
        });
        // Files and pipes have no width; wrap as a wide terminal would rather than at 80 columns.
        if (!colours) console.Profile.Width = 220;
        var shown = _findings.Where(f => f.Status != FindingStatus.Pass)
            .OrderBy(f => f.Severity).ThenBy(f => f.Status).ThenBy(f => f.Resource.Id, StringComparer.Ordinal).ToList();
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Expand = true }
            .AddColumns("Severity", "Status", "Check", "Resource", "Detail");
        foreach (var f in shown)
        {
            table.AddRow(new Markup($"[{Colour(f.Severity)}]{f.Severity.ToString().ToLowerInvariant()}[/]"),
                new Text(Display.Status(f.Status)), new Text(f.CheckId), new Text(Display.Resource(f)), new Text(f.Detail));
        }
        if (shown.Count > 0) console.Write(table);
        var passed = _findings.Count(f => f.Status == FindingStatus.Pass);
        console.MarkupLine($"[bold]{shown.Count(f => f.IsFailing)} failing[/], {passed} passed, " +
            $"{shown.Count(f => f.Status == FindingStatus.Error)} errors, {shown.Count(f => f.Status == FindingStatus.Remediated)} remediated, " +
            $"{shown.Count(f => f.Status == FindingStatus.Exempt)} exempt.");
        await writer.FlushAsync(cancellationToken);
    }

    private static string Colour(Severity severity) => severity switch
    {
        Severity.Critical => "red bold",
        Severity.High => "red",
        Severity.Medium => "yellow",
        Severity.Low => "blue",
        _ => "grey",
    };
}
