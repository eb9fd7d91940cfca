using System.Net;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Cli;

/// <summary>
/// A self-contained findings report: coverage first (what the sweep could not audit), counts by severity and status,
/// then every finding that is not a pass, most severe first, streamed from the spill one severity at a time.
/// </summary>
internal sealed class HtmlReport(TextWriter writer, string title) : IFindingReport
{
    public async Task WriteAsync(FindingSpill findings, SweepSummary summary, CancellationToken cancellationToken)
    {
        var counts = new int[Enum.GetValues<Severity>().Length, Enum.GetValues<FindingStatus>().Length];
        await foreach (var f in findings.ReadAsync(cancellationToken)) counts[(int)f.Severity, (int)f.Status]++;
        await writer.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{E(title)}</title><style>" +
            "body{font-family:Segoe UI,Arial,sans-serif;margin:2em}table{border-collapse:collapse;font-size:13px}" +
            "th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f3f3f3}" +
            ".critical{color:#b00020;font-weight:700}.high{color:#c62828}.medium{color:#e65100}.low{color:#1565c0}" +
            ".incomplete{background:#fff4e5;border-left:4px solid #e65100;padding:.5em 1em}</style></head><body>" +
            $"<h1>{E(title)}</h1><p>Generated {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC.</p>");
        var coverage = summary.Coverage;
        var (state, heading) = coverage.Complete ? ("complete", "Coverage") : ("incomplete", "Coverage: incomplete");
        await writer.WriteAsync($"<div class=\"{state}\"><h2>{heading}</h2><ul>" +
            string.Concat(coverage.Lines().Select(l => $"<li>{E(l)}</li>")) + "</ul></div>");
        await writer.WriteAsync("<table><tr><th></th>" + string.Concat(Enum.GetValues<FindingStatus>().Select(s => $"<th>{Display.Status(s)}</th>")) + "</tr>");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            await writer.WriteAsync($"<tr><th class=\"{Css(severity)}\">{Css(severity)}</th>" +
                string.Concat(Enum.GetValues<FindingStatus>().Select(s => $"<td>{counts[(int)severity, (int)s]}</td>")) + "</tr>");
        }
        await writer.WriteAsync("</table><h2>Findings</h2><table>" +
            "<tr><th>Severity</th><th>Status</th><th>Check</th><th>Resource</th><th>Detail</th><th>Owner</th></tr>");
        foreach (var severity in Enum.GetValues<Severity>())
        {
            await foreach (var f in findings.ReadAsync(cancellationToken))
            {
                if (f.Severity != severity || f.Status == FindingStatus.Pass) continue;
                var entities = string.Concat((f.Entities ?? []).Select(e => $"<br><small>{e.Count} &times; {E(e.Type)}: " +
                    $"{E(string.Join(", ", e.Masked))}</small>"));
                await writer.WriteAsync($"<tr><td class=\"{Css(f.Severity)}\">{Css(f.Severity)}</td><td>{Display.Status(f.Status)}</td>" +
                    $"<td>{E(f.CheckId)}</td>" +
                    $"<td>{E(Display.Resource(f))}</td><td>{E(f.Detail)}{entities}</td><td>{E(f.Owner ?? "")}</td></tr>");
            }
        }
        await writer.WriteAsync("</table></body></html>\n");
        await writer.FlushAsync(cancellationToken);
    }

    private static string Css(Severity severity) => severity.ToString().ToLowerInvariant();

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
