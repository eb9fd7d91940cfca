using CloudAuditor.Core.Model;
using CloudAuditor.Hosting.Reports;
using CloudAuditor.UnitTests.Support;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CloudAuditor.UnitTests.Retention;

public class RetentionReportWriterTests
{
    private static readonly RetentionRow[] Rows =
    [
        new("azure", "financedata", "ledger", "/subscriptions/x/.../containers/ledger", "pii", Subjects.Posture(immutableDays: 2555, locked: true),
            "compliant", ""),
        new("aws", "111122223333", "acme-logs", "arn:aws:s3:::acme-logs", "logs", Subjects.Posture(expirationDays: 400), "non-compliant",
            "must be deleted within 90 days, lifecycle expiry is 400 days"),
        new("aws", "111122223333", "=cmd|'/C calc'!A0", "arn:aws:s3:::weird", null, RetentionPosture.NotRead("GetBucketVersioning: 403"), "not read",
            "<b>GetBucketVersioning: 403</b>"),
    ];

    [Fact]
    public void Csv_has_the_columns_and_defuses_formulas()
    {
        var lines = RetentionReportWriters.Csv(Rows).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', RetentionReportWriters.Columns), lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.Contains(",2555,yes,", lines[1]);
        Assert.Contains("'=cmd|'/C calc'!A0", lines[3]);
    }

    [Fact]
    public void Json_rows_carry_every_column()
    {
        using var doc = System.Text.Json.JsonDocument.Parse(RetentionReportWriters.Json(Rows));
        var first = doc.RootElement[0];
        Assert.Equal("compliant", first.GetProperty("verdict").GetString());
        Assert.Equal(RetentionReportWriters.Columns.Length, first.EnumerateObject().Count());
    }

    [Fact]
    public void Html_is_self_contained_with_a_chart_and_escapes_values()
    {
        var html = RetentionReportWriters.Html(Rows, new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        Assert.Contains("<svg", html);
        Assert.Contains("1 compliant, 1 non-compliant, 1 not judged", html);
        Assert.DoesNotContain("<b>GetBucketVersioning", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Xlsx_opens_with_a_retention_and_a_summary_sheet()
    {
        using var buffer = new MemoryStream();
        RetentionReportWriters.Xlsx(Rows, buffer);
        buffer.Position = 0;
        using var doc = SpreadsheetDocument.Open(buffer, false);
        var sheets = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["Retention", "Summary"], sheets);
        var retention = (WorksheetPart)doc.WorkbookPart.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = retention.Worksheet.Descendants<Row>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.Equal("ledger", rows[1].Elements<Cell>().ElementAt(2).InnerText);
        Assert.Equal(CellValues.Number, rows[1].Elements<Cell>().ElementAt(9).DataType!.Value);
    }

    [Fact]
    public void Xlsx_has_a_frozen_bold_header_a_filter_fitting_widths_and_coloured_verdicts()
    {
        using var buffer = new MemoryStream();
        RetentionReportWriters.Xlsx(Rows, buffer);
        buffer.Position = 0;
        using var doc = SpreadsheetDocument.Open(buffer, false);
        var retention = (WorksheetPart)doc.WorkbookPart!.GetPartById(doc.WorkbookPart.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var sheet = retention.Worksheet;
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);
        Assert.Equal($"A1:R4", sheet.Descendants<AutoFilter>().Single().Reference!.Value);
        var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(RetentionReportWriters.Columns.Length, widths.Count);
        Assert.All(widths, w => Assert.InRange(w, 10, 60));
        var fills = doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.CellFormats!.Elements<CellFormat>().Select(f => f.FillId?.Value ?? 0).ToList();
        var fonts = doc.WorkbookPart.WorkbookStylesPart.Stylesheet.Fonts!.Elements<Font>().ToList();
        var rows = sheet.Descendants<Row>().ToList();
        var verdict = Array.IndexOf(RetentionReportWriters.Columns, "verdict");
        Assert.NotNull(fonts[(int)doc.WorkbookPart.WorkbookStylesPart.Stylesheet.CellFormats!.Elements<CellFormat>()
            .ElementAt((int)rows[0].Elements<Cell>().First().StyleIndex!.Value).FontId!.Value].Bold);
        string FillOf(int row) => doc.WorkbookPart.WorkbookStylesPart!.Stylesheet.Fills!.Elements<Fill>()
            .ElementAt((int)fills[(int)rows[row].Elements<Cell>().ElementAt(verdict).StyleIndex!.Value]).PatternFill!.ForegroundColor!.Rgb!.Value!;
        Assert.Equal("FFC8E6C9", FillOf(1)); // compliant: green
        Assert.Equal("FFFFCDD2", FillOf(2)); // non-compliant: red
        Assert.Null(rows[3].Elements<Cell>().ElementAt(verdict).StyleIndex);
        // Excel refuses a sheet whose parts are out of schema order (views, columns, data, filter) or a malformed style sheet.
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}"));
    }
}
