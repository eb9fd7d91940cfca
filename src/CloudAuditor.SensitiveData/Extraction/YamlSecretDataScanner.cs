using System.Buffers;
using System.Text;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// YAML as it streams, with Kubernetes Secret manifests in mind: all text is scanned as written, and each value under a `data:`
/// (or `binaryData:`) mapping that is base64 is also decoded and scanned under its key, since Secrets hide their values that way.
/// Lines are held only up to <see cref="MaxLine"/> characters; a longer one is scanned as text but not decoded.
/// </summary>
internal sealed class YamlSecretDataScanner(FieldWindows fields) : ITextSink, IDisposable
{
    public const int MaxLine = 64 * 1024;

    private readonly char[] _buffer = ArrayPool<char>.Shared.Rent(64 * 1024);
    private readonly StringBuilder _line = new();
    private bool _lineTooLong;
    private int _dataIndent = -1;

    public static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public Span<char> GetSpan(int sizeHint = 0) => _buffer;

    public Memory<char> GetMemory(int sizeHint = 0) => _buffer;

    public void Advance(int count)
    {
        var text = _buffer.AsSpan(0, count);
        fields.Unnamed.Write(text);
        while (!text.IsEmpty)
        {
            var end = text.IndexOf('\n');
            Hold(end < 0 ? text : text[..end]);
            if (end < 0) return;
            EndLine();
            text = text[(end + 1)..];
        }
    }

    public void Complete()
    {
        EndLine();
        fields.Complete();
    }

    private void Hold(ReadOnlySpan<char> piece)
    {
        if (_lineTooLong || _line.Length + piece.Length > MaxLine) _lineTooLong = true;
        else _line.Append(piece);
    }

    private void EndLine()
    {
        var line = _lineTooLong ? "" : _line.ToString().TrimEnd('\r');
        _line.Clear();
        _lineTooLong = false;
        var content = line.TrimStart();
        if (content.Length == 0 || content[0] == '#') return;
        var indent = line.Length - content.Length;
        if (_dataIndent >= 0 && indent <= _dataIndent) _dataIndent = -1;
        if (content is "data:" or "binaryData:")
        {
            _dataIndent = indent;
            return;
        }
        if (_dataIndent < 0) return;
        var colon = content.IndexOf(": ", StringComparison.Ordinal);
        if (colon <= 0) return;
        var key = content[..colon].Trim('"', '\'');
        if (Decoded(content[(colon + 2)..].Trim().Trim('"', '\'')) is { } text) FieldWindows.WriteValue(fields.For(key), text);
    }

    /// <summary>The value as UTF-8 text when it is base64 of valid UTF-8; null otherwise (binary data, or not base64).</summary>
    private static string? Decoded(string value)
    {
        if (value.Length < 4) return null;
        var bytes = new byte[value.Length / 4 * 3 + 3];
        if (!Convert.TryFromBase64String(value, bytes, out var written)) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public void Dispose() => ArrayPool<char>.Shared.Return(_buffer);
}
