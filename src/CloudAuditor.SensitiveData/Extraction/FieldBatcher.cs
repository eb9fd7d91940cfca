using System.Text;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// Collects values per field (CSV column, JSON key) and scans each field's values together with the field name as
/// context: one detector pass per batch instead of one per cell, which keeps structured files fast.
/// </summary>
internal sealed class FieldBatcher(DetectorSet detectors, DetectionTally tally)
{
    private const int FlushChars = 1 << 16;
    private readonly Dictionary<string, StringBuilder> _fields = new(StringComparer.Ordinal);

    public void Add(string? field, ReadOnlySpan<char> value)
    {
        var key = field ?? "";
        if (!_fields.TryGetValue(key, out var buffer)) _fields[key] = buffer = new StringBuilder();
        buffer.Append(value).Append('\n');
        if (buffer.Length >= FlushChars) Flush(key, buffer);
    }

    public void FlushAll()
    {
        foreach (var (key, buffer) in _fields) Flush(key, buffer);
    }

    private void Flush(string key, StringBuilder buffer)
    {
        if (buffer.Length == 0) return;
        var text = buffer.ToString();
        buffer.Clear();
        detectors.Scan(text, new FieldContext(key.Length == 0 ? null : key), tally);
    }
}
