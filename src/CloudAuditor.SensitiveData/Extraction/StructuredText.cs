using System.Text;
using System.Text.Json;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>CSV/TSV and JSON/NDJSON: values are scanned with their column header or property name as context.</summary>
internal static class StructuredText
{
    public static void ScanDelimited(string text, char delimiter, DetectorSet detectors, DetectionTally tally)
    {
        var batcher = new FieldBatcher(detectors, tally);
        var headers = new List<string>();
        var column = 0;
        var firstRow = true;
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : '\n';
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
                continue;
            }
            if (c == '"' && cell.Length == 0) { quoted = true; continue; }
            if (c != delimiter && c != '\n') { if (c != '\r') cell.Append(c); continue; }

            var value = cell.ToString();
            cell.Clear();
            if (firstRow)
            {
                headers.Add(value.Trim());
                // The first row may be data, not headers: scan it too, without a column context.
                batcher.Add(null, value);
            }
            else
            {
                batcher.Add(column < headers.Count ? headers[column] : null, value);
            }
            column++;
            if (c == '\n')
            {
                firstRow = false;
                column = 0;
            }
        }
        batcher.FlushAll();
    }

    public static char? DelimiterOf(string name)
    {
        if (name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tab", StringComparison.OrdinalIgnoreCase)) return '\t';
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return ',';
        return null;
    }

    /// <summary>False when the text is not JSON after all; the caller then scans it as plain text.</summary>
    public static bool TryScanJson(string text, DetectorSet detectors, DetectionTally tally)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        // Counted apart and merged only on success, so a parse failure half-way cannot double count in the plain-text fallback.
        var parsed = new DetectionTally();
        var batcher = new FieldBatcher(detectors, parsed);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
        var names = new Stack<string?>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString();
                        batcher.Add(null, property);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        names.Push(property);
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        property = names.Count > 0 ? names.Pop() : null;
                        break;
                    case JsonTokenType.String:
                        batcher.Add(property ?? (names.Count > 0 ? names.Peek() : null), reader.GetString());
                        break;
                    case JsonTokenType.Number:
                        batcher.Add(property ?? (names.Count > 0 ? names.Peek() : null), Encoding.UTF8.GetString(reader.ValueSpan));
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }
        batcher.FlushAll();
        tally.AddAll(parsed);
        return true;
    }
}
