using System.IO.Compression;
using System.Text;
using CloudAuditor.SensitiveData.Scanning;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Drawing = DocumentFormat.OpenXml.Drawing;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Word, Excel and PowerPoint (OOXML) text through the OpenXml SDK, reported per part ("word/document.xml").
/// Declared part sizes and ratios are checked before the SDK inflates anything, and the SDK caps each part too.
/// </summary>
internal static class OfficeText
{
    public static bool IsOfficeDocument(ZipArchive zip) =>
        zip.GetEntry("[Content_Types].xml") is not null
        && (zip.GetEntry("word/document.xml") ?? zip.GetEntry("xl/workbook.xml") ?? zip.GetEntry("ppt/presentation.xml")) is not null;

    public static void Scan(byte[] data, ZipArchive zip, string? member, ExtractionBudget budget, DetectorSet detectors, ScanResult result)
    {
        CheckDeclaredSizes(zip, member, budget);
        var settings = new OpenSettings { MaxCharactersInPart = budget.Limits.MaxExpandedBytes / 2 };
        using var stream = new MemoryStream(data, writable: false);
        if (zip.GetEntry("word/document.xml") is not null) ScanWord(stream, settings, member, detectors, result);
        else if (zip.GetEntry("xl/workbook.xml") is not null) ScanExcel(stream, settings, member, detectors, result);
        else ScanPowerPoint(stream, settings, member, detectors, result);
    }

    private static void CheckDeclaredSizes(ZipArchive zip, string? member, ExtractionBudget budget)
    {
        var limits = budget.Limits;
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var path = ContentScanner.Join(member, entry.FullName);
            budget.CountEntry(path);
            total += entry.Length;
            if (entry.Length > limits.RatioGraceBytes && entry.Length > Math.Max(1, entry.CompressedLength) * limits.MaxCompressionRatio)
                throw new ExtractionLimitException($"compression ratio above {limits.MaxCompressionRatio}:1, a likely decompression bomb (at '{path}')");
            if (total > limits.MaxExpandedBytes)
                throw new ExtractionLimitException($"decompressed content exceeds {limits.MaxExpandedBytes >> 20} MiB (at '{path}')");
        }
    }

    private static void ScanWord(Stream stream, OpenSettings settings, string? member, DetectorSet detectors, ScanResult result)
    {
        using var doc = WordprocessingDocument.Open(stream, false, settings);
        if (doc.MainDocumentPart is not { } main) return;
        IEnumerable<OpenXmlPart> parts = [main, .. main.HeaderParts, .. main.FooterParts];
        if (main.WordprocessingCommentsPart is { } comments) parts = parts.Append(comments);
        if (main.FootnotesPart is { } footnotes) parts = parts.Append(footnotes);
        if (main.EndnotesPart is { } endnotes) parts = parts.Append(endnotes);
        foreach (var part in parts)
        {
            if (part.RootElement is not { } root) continue;
            var text = string.Join('\n', root.Descendants<Word.Paragraph>().Select(p => p.InnerText));
            detectors.Scan(text, FieldContext.None, result.For(PartMember(member, part)));
        }
    }

    private static void ScanExcel(Stream stream, OpenSettings settings, string? member, DetectorSet detectors, ScanResult result)
    {
        using var doc = SpreadsheetDocument.Open(stream, false, settings);
        if (doc.WorkbookPart is not { } workbook) return;
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        foreach (var sheet in workbook.WorksheetParts)
        {
            var batcher = new FieldBatcher(detectors, result.For(PartMember(member, sheet)));
            var headers = new Dictionary<string, string>(StringComparer.Ordinal);
            var firstRow = true;
            foreach (var row in sheet.Worksheet.Descendants<Row>())
            {
                foreach (var cell in row.Elements<Cell>())
                {
                    var value = CellText(cell, shared);
                    if (value.Length == 0) continue;
                    var column = ColumnOf(cell.CellReference?.Value);
                    if (firstRow) headers[column] = value;
                    batcher.Add(firstRow ? null : headers.GetValueOrDefault(column), value);
                }
                firstRow = false;
            }
            batcher.FlushAll();
        }
    }

    private static void ScanPowerPoint(Stream stream, OpenSettings settings, string? member, DetectorSet detectors, ScanResult result)
    {
        using var doc = PresentationDocument.Open(stream, false, settings);
        foreach (var slide in doc.PresentationPart?.SlideParts ?? [])
        {
            var text = new StringBuilder();
            foreach (var run in slide.Slide.Descendants<Drawing.Text>()) text.Append(run.Text).Append('\n');
            detectors.Scan(text.ToString(), FieldContext.None, result.For(PartMember(member, slide)));
        }
    }

    private static string CellText(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
            return int.TryParse(cell.CellValue?.Text, out var index) && index >= 0 && index < shared.Length ? shared[index] : "";
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }

    private static string ColumnOf(string? reference) => reference is null ? "" : new string(reference.TakeWhile(char.IsAsciiLetter).ToArray());

    private static string PartMember(string? member, OpenXmlPart part) => ContentScanner.Join(member, part.Uri.OriginalString.TrimStart('/'));
}
