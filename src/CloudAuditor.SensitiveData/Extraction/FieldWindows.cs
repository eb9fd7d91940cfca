using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// One detector window per field (CSV column, JSON key, spreadsheet column) of one member, so values are scanned
/// together with their field's name as context: one detector pass per window instead of one per cell. The number of
/// named fields is capped (their buffers are what a structured file costs); values of further fields are scanned
/// without a name.
/// </summary>
internal sealed class FieldWindows(DetectorSet detectors, DetectionTally tally, Action onWindow) : IDisposable
{
    public const int MaxNamedFields = 64;

    /// <summary>A field's values arrive a cell at a time; a smaller region than a document's keeps 64 fields cheap.</summary>
    public const int RegionChars = 16 * 1024;

    private readonly Dictionary<string, TextWindow> _named = new(StringComparer.Ordinal);
    private TextWindow? _unnamed;

    /// <summary>The most memory the windows of one member hold.</summary>
    public static long MaxBytes(DetectorSet detectors) =>
        (MaxNamedFields + 1) * TextWindow.BufferBytes(detectors, RegionChars);

    public TextWindow Unnamed => _unnamed ??= new TextWindow(detectors, FieldContext.None, tally, RegionChars, onWindow);

    public TextWindow For(string? field)
    {
        if (string.IsNullOrWhiteSpace(field)) return Unnamed;
        if (_named.TryGetValue(field, out var window)) return window;
        if (_named.Count >= MaxNamedFields) return Unnamed;
        return _named[field] = new TextWindow(detectors, new FieldContext(field), tally, RegionChars, onWindow);
    }

    /// <summary>The same lookup without allocating the name (JSON keys arrive as spans, most of them seen before).</summary>
    public TextWindow For(ReadOnlySpan<char> field)
    {
        if (field.IsWhiteSpace()) return Unnamed;
        return _named.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(field, out var window) ? window : For(field.ToString());
    }

    /// <summary>Writes one value and the line break that separates it from the field's next value.</summary>
    public static void WriteValue(TextWindow window, ReadOnlySpan<char> value)
    {
        window.Write(value);
        window.Write("\n");
    }

    public void Complete()
    {
        _unnamed?.Complete();
        foreach (var window in _named.Values) window.Complete();
    }

    public void Dispose()
    {
        _unnamed?.Dispose();
        foreach (var window in _named.Values) window.Dispose();
    }
}
