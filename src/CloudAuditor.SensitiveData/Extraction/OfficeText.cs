using System.IO.Compression;
using System.Text;
using System.Xml;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Word, Excel and PowerPoint (OOXML) text, read part by part with a streaming XML reader (no document model), and
/// reported per part ("word/document.xml"). Each part inflates through the object's expansion guard, text runs pass to
/// the detectors in pieces, and a spreadsheet's string table is held only when the memory budget grants it.
/// </summary>
internal static class OfficeText
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true, IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false, CloseInput = true,
    };

    private const int MaxHeaderChars = 256;

    /// <summary>Columns past this many are scanned without a name: a hostile first row cannot grow the header map.</summary>
    private const int MaxColumns = 4096;

    public static bool IsOfficeDocument(ZipArchive zip) =>
        zip.GetEntry("[Content_Types].xml") is not null
        && (zip.GetEntry("word/document.xml") ?? zip.GetEntry("xl/workbook.xml") ?? zip.GetEntry("ppt/presentation.xml")) is not null;

    public static void Scan(ObjectScan scan, ZipArchive zip, string? member)
    {
        CheckDeclaredSizes(scan, zip, member);
        if (zip.GetEntry("xl/workbook.xml") is not null)
        {
            ScanWorkbook(scan, zip, member);
            return;
        }
        foreach (var entry in zip.Entries.Where(IsTextPart)) ScanPartText(scan, entry, ObjectScan.Join(member, entry.FullName));
    }

    /// <summary>Word's body, headers, footers, comments and notes; PowerPoint's slides and speaker notes.</summary>
    private static bool IsTextPart(ZipArchiveEntry entry)
    {
        var name = entry.FullName;
        if (!name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)) return false;
        return name is "word/document.xml" or "word/comments.xml" or "word/footnotes.xml" or "word/endnotes.xml"
            || name.StartsWith("word/header", StringComparison.Ordinal) || name.StartsWith("word/footer", StringComparison.Ordinal)
            || name.StartsWith("ppt/slides/slide", StringComparison.Ordinal) || name.StartsWith("ppt/notesSlides/notesSlide", StringComparison.Ordinal);
    }

    private static void CheckDeclaredSizes(ObjectScan scan, ZipArchive zip, string? member)
    {
        var limits = scan.Limits;
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            var path = ObjectScan.Join(member, entry.FullName);
            scan.Budget.CountEntry(path);
            total += entry.Length;
            scan.Budget.CheckRatio(entry.Length, entry.CompressedLength, path);
            if (total > limits.MaxExpandedBytes)
                throw new ExtractionLimitException($"decompressed content exceeds {limits.MaxExpandedBytes >> 20} MiB (at '{path}')");
        }
    }

    private static XmlReader Open(ObjectScan scan, ZipArchiveEntry entry, string path) =>
        XmlReader.Create(scan.Budget.Expanding(entry.Open(), path, entry.CompressedLength), Settings);

    /// <summary>Every text node, a line per paragraph (w:p, a:p), tabs and breaks kept as whitespace.</summary>
    private static void ScanPartText(ObjectScan scan, ZipArchiveEntry entry, string path)
    {
        using var window = scan.Window(path);
        using var xml = Open(scan, entry, path);
        var chunk = new char[4096];
        while (xml.Read())
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace:
                    StreamValue(xml, chunk, window);
                    break;
                case XmlNodeType.Element when xml.LocalName is "tab":
                    window.Write("\t");
                    break;
                case XmlNodeType.Element when xml.LocalName is "br" or "cr":
                    window.Write("\n");
                    break;
                case XmlNodeType.EndElement when xml.LocalName is "p":
                    window.Write("\n");
                    break;
            }
        }
        window.Complete();
    }

    /// <summary>A text node of any length, in pieces.</summary>
    private static void StreamValue(XmlReader xml, char[] chunk, TextWindow window)
    {
        int read;
        while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0) window.Write(chunk.AsSpan(0, read));
    }

    private static void ScanWorkbook(ObjectScan scan, ZipArchive zip, string? member)
    {
        var strings = SharedStrings.Load(scan, zip, member);
        foreach (var sheet in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)
            && e.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)))
            ScanSheet(scan, sheet, ObjectScan.Join(member, sheet.FullName), strings);
        strings?.Dispose();
    }

    /// <summary>A sheet's cells, each in its column's window with the first row's cell as the column's name.</summary>
    private static void ScanSheet(ObjectScan scan, ZipArchiveEntry entry, string path, SharedStrings? strings)
    {
        using var fields = scan.Fields(path);
        using var xml = Open(scan, entry, path);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        var chunk = new char[4096];
        var value = new StringBuilder();
        var firstRow = true;
        string column = "", type = "";
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "row" && headers.Count > 0) firstRow = false;
            if (xml.NodeType != XmlNodeType.Element) continue;
            if (xml.LocalName == "c")
            {
                column = ColumnOf(xml.GetAttribute("r"));
                type = xml.GetAttribute("t") ?? "";
                continue;
            }
            if (xml.LocalName is not ("v" or "t") || xml.IsEmptyElement) continue;
            var window = firstRow ? fields.Unnamed : fields.For(headers.GetValueOrDefault(column));
            value.Clear();
            // The element's name, before the reader moves onto its text (whose name is empty).
            var element = xml.LocalName;
            xml.Read();
            if (type == "s" && element == "v")
            {
                if (strings is null) continue; // The string table was scanned as text, without columns.
                CopyValue(xml, chunk, value, max: 16);
                var text = int.TryParse(value.ToString(), out var index) ? strings[index] : null;
                if (text is null) continue;
                FieldWindows.WriteValue(window, text);
                if (firstRow && headers.Count < MaxColumns) headers[column] = text.Length > MaxHeaderChars ? text[..MaxHeaderChars] : text;
                continue;
            }
            // Numbers, inline strings, formula results: stream the value, keeping its start as the column's name.
            int read;
            while (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA && (read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
            {
                window.Write(chunk.AsSpan(0, read));
                if (firstRow && value.Length < MaxHeaderChars) value.Append(chunk, 0, Math.Min(read, MaxHeaderChars - value.Length));
            }
            window.Write("\n");
            if (firstRow && value.Length > 0 && headers.Count < MaxColumns) headers[column] = value.ToString();
        }
        fields.Complete();
    }

    private static void CopyValue(XmlReader xml, char[] chunk, StringBuilder value, int max)
    {
        int read;
        while (xml.NodeType is XmlNodeType.Text && value.Length < max && (read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0) value.Append(chunk, 0, read);
    }

    private static string ColumnOf(string? reference)
    {
        if (reference is null) return "";
        var letters = 0;
        while (letters < reference.Length && char.IsAsciiLetter(reference[letters])) letters++;
        return reference[..letters];
    }

    /// <summary>
    /// A workbook's shared strings by index, for cells to name their columns: loaded only within the memory budget.
    /// A table too large is scanned as text instead (every string still seen, without its column).
    /// </summary>
    private sealed class SharedStrings(List<string> strings, ScanMemoryBudget.Reservation? reservation) : IDisposable
    {
        private const long MaxBytes = 16L << 20;

        public string? this[int index] => index >= 0 && index < strings.Count ? strings[index] : null;

        public static SharedStrings? Load(ObjectScan scan, ZipArchive zip, string? member)
        {
            if (zip.GetEntry("xl/sharedStrings.xml") is not { } entry) return new SharedStrings([], null);
            var path = ObjectScan.Join(member, entry.FullName);
            // UTF-16 in memory is up to twice the XML's bytes; the XML's markup makes up for string headers.
            var bytes = Math.Min(MaxBytes, 2 * entry.Length + 4096);
            if (entry.Length * 2 > MaxBytes || !scan.Memory.TryReserve(bytes, out var reservation))
            {
                ScanPartText(scan, entry, path);
                return null;
            }
            if (Read(scan, entry, path, bytes) is { } strings) return new SharedStrings(strings, reservation);
            // The declared size understated the table: give up on columns and scan it as text.
            reservation!.Dispose();
            ScanPartText(scan, entry, path);
            return null;
        }

        /// <returns>Null when the strings would hold more than <paramref name="maxBytes"/>.</returns>
        private static List<string>? Read(ObjectScan scan, ZipArchiveEntry entry, string path, long maxBytes)
        {
            var strings = new List<string>();
            var item = new StringBuilder();
            var chunk = new char[4096];
            long chars = 0;
            var phonetic = 0;
            using var xml = Open(scan, entry, path);
            while (xml.Read())
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "rPh" && !xml.IsEmptyElement) phonetic++;
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "rPh") phonetic--;
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "si")
                {
                    strings.Add(item.ToString());
                    chars += item.Length;
                    item.Clear();
                }
                else if (xml.NodeType is XmlNodeType.Text or XmlNodeType.SignificantWhitespace && phonetic == 0)
                {
                    int read;
                    while ((read = xml.ReadValueChunk(chunk, 0, chunk.Length)) > 0)
                    {
                        item.Append(chunk, 0, read);
                        if (2 * (chars + item.Length) + 32L * strings.Count > maxBytes) return null;
                    }
                }
                if (2 * chars + 32L * strings.Count > maxBytes) return null;
            }
            return strings;
        }

        public void Dispose() => reservation?.Dispose();
    }
}
