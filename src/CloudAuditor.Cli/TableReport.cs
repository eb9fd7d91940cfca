using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using Spectre.Console;

namespace CloudAuditor.Cli;

/// <summary>
/// For people: problems first, most severe first (one pass over the spill per severity, so memory stays flat), passes
/// only counted, at most <see cref="MaxRows"/> rows, then the counts and what the sweep could not cover.
/// </summary>
internal sealed class TableReport(TextWriter writer, bool colours, string title) : IFindingReport
{
    public const int MaxRows = 500;

    public async Task WriteAsync(FindingSpill findings, SweepSummary summary, CancellationToken cancellationToken)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            ColorSystem = colours ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Ansi = colours ? AnsiSupport.Detect : AnsiSupport.No,
        });
        // Files and pipes have no width; wrap as a wide terminal would rather than at 80 columns.
        if (!colours) console.Profile.Width = 220;
        var table = new Table { Title = new TableTitle(Markup.Escape(title)), Expand = true }.AddColumns("Severity", "Status", "Check", "Resource", "Detail");
        var shown = 0;
        foreach (var severity in Enum.GetValues<Severity>())
        {
            await foreach (var f in findings.ReadAsync(cancellationToken))
            {
                if (f.Severity != severity || f.Status == FindingStatus.Pass || shown == MaxRows) continue;
                shown++;
                table.AddRow(new Markup($"[{Colour(f.Severity)}]{f.Severity.ToString().ToLowerInvariant()}[/]"),
                    new Text(Display.Status(f.Status)), new Text(f.CheckId), new Text(Display.Resource(f)), new Text(f.Detail));
            }
        }
        if (shown > 0) console.Write(table);
        var counts = summary.Findings;
        var hidden = Enum.GetValues<FindingStatus>().Where(s => s != FindingStatus.Pass).Sum(counts.Count) - shown;
        if (hidden > 0) console.MarkupLine($"[grey]{hidden} more not shown: use --format jsonl, json or html for all of them.[/]");
        console.MarkupLine($"[bold]{counts.Count(FindingStatus.Fail)} failing[/], {counts.Count(FindingStatus.Pass)} passed, " +
            $"{counts.Count(FindingStatus.Error)} errors, " +
            $"{counts.Count(FindingStatus.Remediated)} remediated, {counts.Count(FindingStatus.Exempt)} exempt.");
        foreach (var line in summary.Coverage.Lines())
            console.MarkupLine($"{(summary.Coverage.Complete ? "" : "[yellow]")}Coverage: {Markup.Escape(line)}{(summary.Coverage.Complete ? "" : "[/]")}");
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
