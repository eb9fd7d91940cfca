namespace CloudAuditor.Core.Output;

/// <summary>RFC 4180 CSV that is safe to open in a spreadsheet: cells a spreadsheet would run as a formula get a leading apostrophe.</summary>
public static class Csv
{
    public static string Line(IEnumerable<string> cells) => string.Join(',', cells.Select(Cell)) + "\n";

    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
