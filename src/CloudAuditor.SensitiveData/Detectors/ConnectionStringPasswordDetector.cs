using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// The password of a key=value connection string (ADO.NET, ODBC, JDBC properties): "Server=db;User Id=app;Password=…;".
/// "password=" alone is everywhere in docs and forms, so another connection-string key must be in the same string.
/// </summary>
public sealed class ConnectionStringPasswordDetector : IAnchoredDetector
{
    private const int ContextWindow = 200;
    private const int MaxValue = 256;

    private static readonly string[] ConnectionKeys =
    [
        "server=", "data source=", "host=", "user id=", "userid=", "uid=", "database=", "initial catalog=", "username=", "user=", "port=",
        "address=", "addr=",
    ];

    public string EntityType => EntityTypes.ConnectionStringPassword;

    public IReadOnlyList<Anchor> Anchors { get; } = [new("password=", IgnoreCase: true), new("pwd=", IgnoreCase: true)];

    public int Reach => "password=".Length + MaxValue + ContextWindow;

    public bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => to;

    public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        if (index > 0 && char.IsAsciiLetterOrDigit(text[index - 1])) return index + 1;
        var valueStart = text[index..].IndexOf('=') + index + 1;
        var end = valueStart;
        while (end < text.Length && end - valueStart < MaxValue && text[end] is not ';' and not '"' and not '\'' and not '\n' and not '\r') end++;
        var value = text[valueStart..end].Trim();
        if (value.IsEmpty || Placeholders.IsPlaceholder(value) || !InConnectionString(text, index, end)) return end;
        tally.Add(EntityType, text[index..end], static _ => "Password=[redacted]");
        return end;
    }

    /// <summary>Another connection-string key on the same line, before or after the password.</summary>
    private static bool InConnectionString(ReadOnlySpan<char> text, int index, int end)
    {
        var lineStart = text[..index].LastIndexOfAny('\n', '\r') + 1;
        var from = Math.Max(lineStart, index - ContextWindow);
        var lineEnd = text[end..].IndexOfAny('\n', '\r');
        var to = Math.Min(lineEnd < 0 ? text.Length : end + lineEnd, end + ContextWindow);
        var around = text[from..to];
        foreach (var key in ConnectionKeys) if (around.Contains(key, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
