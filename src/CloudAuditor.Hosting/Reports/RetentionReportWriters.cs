using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CloudAuditor.Core.Model;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CloudAuditor.Hosting.Reports;

/// <summary>The retention report as CSV, JSON, a self-contained HTML page with a summary chart, or an Excel workbook.</summary>
public static class RetentionReportWriters
{
    public static readonly string[] Columns =
    [
        "cloud", "account", "container", "dataClass", "verdict", "reason", "softDeleteDays", "versioning", "mfaDelete", "immutableDays",
        "immutableLocked", "legalHold", "lifecycleExpiryDays", "replication", "changeFeed", "resourceId", "detectedClass", "sensitivityScore",
    ];

    /// <summary>A setting that could not be read shows as "unknown"; one that is not configured is empty (days) or "no".</summary>
    public static string[] Values(RetentionRow r)
    {
        var p = r.Posture;
        return
        [
            r.Cloud, r.Account, r.Container, r.DataClass ?? "", r.Verdict, r.Reason, Days(p.SoftDelete, s => s.BlobDays), Flag(p.Versioning, v => v.Enabled),
            Flag(p.Versioning, v => v.MfaDelete), Days(p.Immutability, i => i.Days), Flag(p.Immutability, i => i.Locked), Flag(p.Immutability, i
                => i.LegalHold),
            Days(p.Lifecycle, l => l.EveryKeyExpirationDays), Flag(p.Replication, x => x.Enabled), Flag(p.ChangeFeed, c => c.Enabled), r.ResourceId,
            r.DetectedClass ?? "not sampled", r.SensitivityScore ?? "",
        ];
    }

    private const string Unknown = "unknown";

    private static string Days<T>(Observed<T> setting, Func<T, int?> days) where T : class =>
        !setting.IsKnown ? Unknown : setting.Value is { } value ? N(days(value)) : "";

    private static string Flag<T>(Observed<T> setting, Func<T, bool> on) where T : class =>
        !setting.IsKnown ? Unknown : setting.Value is { } value && on(value) ? "yes" : "no";

    public static async Task WriteAsync(string format, IReadOnlyList<RetentionRow> rows, Stream output, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case "xlsx":
                using (var buffer = new MemoryStream())
                {
                    Xlsx(rows, buffer);
                    buffer.Position = 0;
                    await buffer.CopyToAsync(output, cancellationToken);
                }
                break;
            default:
                var text = format switch { "json" => Json(rows), "html" => Html(rows, DateTimeOffset.UtcNow), _ => Csv(rows) };
                await output.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken);
                break;
        }
        await output.FlushAsync(cancellationToken);
    }

    public static string Csv(IEnumerable<RetentionRow> rows) =>
        Core.Output.Csv.Line(Columns) + string.Concat(rows.Select(row => Core.Output.Csv.Line(Values(row))));

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(IEnumerable<RetentionRow> rows) =>
        JsonSerializer.Serialize(rows.Select(r => Columns.Zip(Values(r)).ToDictionary(p => p.First, p => p.Second)), Indented);

    /// <summary>The columns a reader scans; the rest of a row's settings fold into its "settings" cell.</summary>
    private static readonly string[] Headline = ["container", "account", "verdict", "reason", "detectedClass", "sensitivityScore"];

    /// <summary>Verdict filters, as radio buttons and CSS (the page runs no script): all, non-compliant, compliant, not judged.</summary>
    private static readonly (string Id, string Label, string Selector)[] Filters =
    [
        ("all", "all", ""), ("nc", "non-compliant", "tr.row:not(.v-non-compliant)"), ("ok", "compliant", "tr.row:not(.v-compliant)"),
        ("nj", "not judged", "tr.row.v-compliant,tr.row.v-non-compliant"),
    ];

    /// <summary>
    /// A page for people: the summary and a bar per data class, then one section per class with the rows a reader scans (container,
    /// verdict, reason, detected class) and the technical settings folded per row, readable at 1,280 pixels without scrolling sideways.
    /// </summary>
    public static string Html(IReadOnlyList<RetentionRow> rows, DateTimeOffset generated)
    {
        var byClass = rows.GroupBy(r => r.DataClass ?? "(unlabelled)").OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>CloudAuditor retention report</title><style>")
            .Append("body{font-family:Segoe UI,Arial,sans-serif;margin:2em;color:#222;max-width:1200px}")
            .Append("table{border-collapse:collapse;font-size:13px;width:100%;table-layout:fixed}")
            .Append("th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}th{background:#f3f3f3}")
            .Append("td.v-non-compliant{color:#b00020;font-weight:600}td.v-compliant{color:#1b5e20}col.reason{width:34%}col.container{width:16%}")
            .Append("dl{margin:4px 0;font-size:12px}dt{color:#555;float:left;clear:left;width:11em}dd{margin-left:11.5em}")
            .Append(".filters{margin:1em 0}.filters label{margin-right:1em;cursor:pointer;color:#0b5cad}svg{max-width:100%;height:auto}")
            .Append("input[name=verdict]{position:absolute;opacity:0}");
        foreach (var (id, _, _) in Filters)
            html.Append($"#f-{id}:checked~.filters label[for=f-{id}]{{font-weight:700;color:#222;text-decoration:underline}}");
        foreach (var (id, _, selector) in Filters.Where(f => f.Selector.Length > 0))
            html.Append($"{string.Join(",", selector.Split(',').Select(x => $"#f-{id}:checked~section {x}"))}{{display:none}}");
        html.Append("</style></head><body>")
            .Append($"<h1>Retention report</h1><p>Generated {generated:yyyy-MM-dd HH:mm} UTC: {rows.Count} containers and buckets, ")
            .Append($"{rows.Count(r => r.Verdict == "compliant")} compliant, {rows.Count(r => r.Verdict == "non-compliant")} non-compliant, ")
            .Append($"{rows.Count(r => r.Verdict is not ("compliant" or "non-compliant"))} not judged.</p>")
            .Append(Chart(byClass));
        foreach (var (id, label, _) in Filters)
            html.Append($"<input type=\"radio\" name=\"verdict\" id=\"f-{id}\"{(id == "all" ? " checked" : "")}>");
        html.Append("<div class=\"filters\">Show: ").Append(string.Concat(Filters.Select(f => $"<label for=\"f-{f.Id}\">{E(f.Label)}</label>")))
            .Append("</div>");
        foreach (var group in byClass)
        {
            html.Append($"<section><h2>{E(group.Key)}</h2><table><colgroup>")
                .Append(string.Concat(Headline.Select(c => $"<col class=\"{c}\">"))).Append("<col class=\"settings\"></colgroup><tr>")
                .Append(string.Concat(Headline.Select(c => $"<th>{E(c)}</th>"))).Append("<th>settings</th></tr>");
            foreach (var row in group)
            {
                var values = Columns.Zip(Values(row)).ToDictionary(p => p.First, p => p.Second);
                var verdictClass = "v-" + row.Verdict.Replace(' ', '-');
                html.Append($"<tr class=\"row {E(verdictClass)}\">")
                    .Append(string.Concat(Headline.Select(c => $"<td class=\"{(c == "verdict" ? E(verdictClass) : c)}\">{E(values[c])}</td>")))
                    .Append("<td><details><summary>settings</summary><dl>")
                    .Append(string.Concat(Columns.Except(Headline).Select(c => $"<dt>{E(c)}</dt><dd>{E(values[c])}</dd>")))
                    .Append("</dl></details></td></tr>");
            }
            html.Append("</table></section>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>Stacked bars per data class (compliant, non-compliant, not judged), inline SVG so the file stands alone.</summary>
    private static string Chart(IReadOnlyList<IGrouping<string, RetentionRow>> byClass)
    {
        const int BarWidth = 400, RowHeight = 26, Label = 160;
        var max = Math.Max(1, byClass.Count == 0 ? 1 : byClass.Max(g => g.Count()));
        var svg = new StringBuilder($"<svg role=\"img\" aria-label=\"Retention compliance by data class\" width=\"{Label + BarWidth + 60}\" " +
            $"height=\"{byClass.Count * RowHeight + 30}\" xmlns=\"http://www.w3.org/2000/svg\">");
        for (var i = 0; i < byClass.Count; i++)
        {
            var y = i * RowHeight;
            double x = Label;
            svg.Append($"<text x=\"0\" y=\"{y + 17}\" font-size=\"13\">{E(byClass[i].Key)}</text>");
            foreach (var (verdict, colour) in new[] { ("compliant", "#2e7d32"), ("non-compliant", "#c62828"), ("other", "#9e9e9e") })
            {
                var count = byClass[i].Count(r => verdict == "other" ? r.Verdict is not ("compliant" or "non-compliant") : r.Verdict == verdict);
                var width = count * (double)BarWidth / max;
                if (count > 0) svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{y + 4}\" width=\"{width:F1}\" height=\"18\" " +
                    $"fill=\"{colour}\"><title>{count} {verdict}</title></rect>");
                x += width;
            }
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 6:F1}\" y=\"{y + 17}\" font-size=\"12\">{byClass[i].Count()}</text>");
        }
        svg.Append($"<text x=\"{Label}\" y=\"{byClass.Count * RowHeight + 20}\" font-size=\"11\" fill=\"#555\">green: compliant, red: non-compliant, grey: " +
            $"not judged</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A workbook with a "Retention" sheet (one row per container or bucket) and a "Summary" sheet per data class.</summary>
    public static void Xlsx(IReadOnlyList<RetentionRow> rows, Stream output)
    {
        using var doc = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = doc.AddWorkbookPart();
        workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
        workbook.Workbook = new Workbook(new Sheets());
        AddSheet(workbook, "Retention", 1, [Columns, .. rows.Select(Values)]);
        var summary = rows.GroupBy(r => r.DataClass ?? "(unlabelled)").OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new[] { g.Key, N(g.Count(r => r.Verdict == "compliant")), N(g.Count(r => r.Verdict == "non-compliant")),
                N(g.Count(r => r.Verdict is not ("compliant" or "non-compliant"))) });
        AddSheet(workbook, "Summary", 2, [["dataClass", "compliant", "nonCompliant", "notJudged"], .. summary]);
    }

    /// <summary>Cell formats: 0 plain, 1 bold header, 2 green (compliant), 3 red (non-compliant).</summary>
    private const uint HeaderStyle = 1, CompliantStyle = 2, NonCompliantStyle = 3;

    private static Stylesheet Styles()
    {
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid });
        return new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("FFC8E6C9"), Solid("FFFFCDD2")) { Count = 4 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true },
                new CellFormat { FillId = 2, ApplyFill = true }, new CellFormat { FillId = 3, ApplyFill = true }) { Count = 4 });
    }

    /// <summary>A sheet people can work with: bold frozen header, a filter on every column, widths that fit, verdicts coloured.</summary>
    private static void AddSheet(WorkbookPart workbook, string name, uint id, IEnumerable<string[]> rows)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var widths = new List<int>();
        var verdictColumn = -1;
        uint index = 1;
        foreach (var values in rows)
        {
            var row = new Row { RowIndex = index };
            if (index == 1) verdictColumn = Array.IndexOf(values, "verdict");
            for (var c = 0; c < values.Length; c++)
            {
                if (widths.Count <= c) widths.Add(0);
                widths[c] = Math.Max(widths[c], values[c].Length);
                var cell = new Cell { CellReference = $"{ColumnName(c)}{index}" };
                cell.StyleIndex = index == 1 ? HeaderStyle
                    : c == verdictColumn ? values[c] switch { "compliant" => CompliantStyle, "non-compliant" => NonCompliantStyle, _ => null }
                    : null;
                if (index > 1 && int.TryParse(values[c], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                    (cell.DataType, cell.CellValue) = (CellValues.Number, new CellValue(values[c]));
                else
                    (cell.DataType, cell.InlineString) = (CellValues.InlineString, Inline(values[c]));
                row.Append(cell);
            }
            data.Append(row);
            index++;
        }
        var frozen = new SheetViews(new SheetView(new Pane
        {
            VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
        }) { WorkbookViewId = 0 });
        // Wide enough for the longest value, from 10 to 60 characters; long reasons wrap in the cell rather than stretch the sheet.
        var columns = new Columns(widths.Select((w, c) => new Column
        {
            Min = (uint)(c + 1), Max = (uint)(c + 1), Width = Math.Clamp(w + 2, 10, 60), CustomWidth = true,
        }));
        part.Worksheet = new Worksheet(frozen, columns, data,
            new AutoFilter { Reference = $"A1:{ColumnName(Math.Max(0, widths.Count - 1))}{Math.Max(1, index - 1)}" });
        workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id, Name = name });
    }

    /// <summary>A cell's own text, spaces kept as written.</summary>
    private static InlineString Inline(string value) => new(new Text(value) { Space = SpaceProcessingModeValues.Preserve });

    private static string ColumnName(int index) => index < 26 ? ((char)('A' + index)).ToString() : $"{(char)('A' + index / 26 - 1)}{(char)('A' + index % 26)}";

    private static string N(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
