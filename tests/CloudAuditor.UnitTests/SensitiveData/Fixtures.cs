using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Real files of every supported format, built in memory with the same libraries users' tools write them with.</summary>
public static class Fixtures
{
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }

    public static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    public static byte[] Tar(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) });
        }
        return buffer.ToArray();
    }

    public static byte[] Docx(params string[] paragraphs)
    {
        using var buffer = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new W.Document(new W.Body(paragraphs.Select(p => new W.Paragraph(new W.Run(new W.Text(p))))));
        }
        return buffer.ToArray();
    }

    public static byte[] Xlsx(params string[][] rows) => Xlsx(sharedStrings: false, rows);

    /// <summary>A workbook as Excel writes it (<paramref name="sharedStrings"/>: cells index a string table) or with inline strings.</summary>
    public static byte[] Xlsx(bool sharedStrings, params string[][] rows)
    {
        using var buffer = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var table = sharedStrings ? new SharedStringTable() : null;
            var data = new SheetData();
            for (var r = 0; r < rows.Length; r++)
            {
                var row = new Row { RowIndex = (uint)(r + 1) };
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    if (table is not null)
                    {
                        table.Append(new SharedStringItem(new Text(rows[r][c])));
                        row.Append(new Cell { CellReference = reference, DataType = CellValues.SharedString,
                            CellValue = new CellValue((table.ChildElements.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) });
                        continue;
                    }
                    row.Append(new Cell
                    {
                        CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(rows[r][c])),
                    });
                }
                data.Append(row);
            }
            sheetPart.Worksheet = new Worksheet(data);
            if (table is not null) workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = table;
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "People" }));
        }
        return buffer.ToArray();
    }

    public static byte[] Pdf(params string[] lines)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var i = 0; i < lines.Length; i++) page.AddText(lines[i], 11, new PdfPoint(40, 780 - i * 18), font);
        return builder.Build();
    }
}
