using System.Buffers;
using System.Text;
using System.Text.Json;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// JSON and NDJSON as they stream: every string and number goes to the window of the key it belongs to (inside arrays,
/// the key that holds the array), and keys themselves are scanned too. A token is held whole only up to
/// <see cref="ExtractionLimits.MaxJsonTokenBytes"/>; past that, or where the text stops being JSON, the rest is
/// handed back to be scanned as plain text, so nothing is lost and nothing before that point is counted twice.
/// </summary>
internal sealed class JsonScanner(FieldWindows fields, ExtractionLimits limits)
{
    private static readonly JsonReaderOptions Options = new() { AllowMultipleValues = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };

    private readonly Stack<TextWindow?> _containers = new();
    private TextWindow? _property;
    private char[] _chars = ArrayPool<char>.Shared.Rent(4096);

    /// <summary>The first bytes of a file decide: a JSON name, or text that opens with '{' or '['.</summary>
    public static bool LooksLikeJson(string name, ReadOnlySpan<byte> head)
    {
        if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)) return true;
        if (head.StartsWith("\xEF\xBB\xBF"u8)) head = head[3..];
        var first = head.IndexOfAnyExcept(" \t\r\n"u8);
        return first >= 0 && head[first] is (byte)'{' or (byte)'[';
    }

    /// <returns>Null when the content was JSON to its end; else the bytes from where it stopped being JSON, to scan as text with the rest of the
    /// stream.</returns>
    public async Task<byte[]?> ScanAsync(Stream content, ExtractionBudget budget, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 << 10);
        var state = new JsonReaderState(Options);
        var filled = 0;
        try
        {
            while (true)
            {
                var read = await content.ReadAsync(buffer.AsMemory(filled), cancellationToken);
                filled += read;
                var final = read == 0;
                var (consumed, failed) = Process(buffer.AsSpan(0, filled), final, ref state);
                if (failed) return buffer.AsSpan(consumed, filled - consumed).ToArray();
                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
                if (final) return filled == 0 ? null : buffer.AsSpan(0, filled).ToArray();
                if (filled == buffer.Length)
                {
                    // One token fills the buffer: grow, up to the limit, then read the rest as text.
                    if (buffer.Length * 2 > limits.MaxJsonTokenBytes) return buffer.AsSpan(0, filled).ToArray();
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                budget.CheckTime();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            ArrayPool<char>.Shared.Return(_chars);
            _chars = [];
        }
    }

    private (int Consumed, bool Failed) Process(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read()) Handle(ref reader);
        }
        catch (JsonException)
        {
            return ((int)reader.BytesConsumed, true);
        }
        catch (InvalidOperationException)
        {
            // A string that is not valid UTF-8 cannot be transcoded: the rest is plain text.
            return ((int)reader.TokenStartIndex, true);
        }
        state = reader.CurrentState;
        return ((int)reader.BytesConsumed, false);
    }

    private void Handle(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                var name = Text(ref reader);
                FieldWindows.WriteValue(fields.Unnamed, name);
                _property = fields.For(name);
                break;
            case JsonTokenType.StartObject or JsonTokenType.StartArray:
                _containers.Push(_property);
                break;
            case JsonTokenType.EndObject or JsonTokenType.EndArray:
                _property = _containers.Count > 0 ? _containers.Pop() : null;
                break;
            case JsonTokenType.String:
                FieldWindows.WriteValue(ValueWindow, Text(ref reader));
                break;
            case JsonTokenType.Number:
                var digits = reader.ValueSpan;
                var chars = Chars(digits.Length);
                var count = Encoding.ASCII.GetChars(digits, chars);
                FieldWindows.WriteValue(ValueWindow, chars[..count]);
                break;
        }
    }

    private TextWindow ValueWindow => _property ?? (_containers.Count > 0 ? _containers.Peek() : null) ?? fields.Unnamed;

    private ReadOnlySpan<char> Text(ref Utf8JsonReader reader)
    {
        var chars = Chars(reader.ValueSpan.Length);
        return chars[..reader.CopyString(chars)];
    }

    private Span<char> Chars(int length)
    {
        if (_chars.Length < length)
        {
            ArrayPool<char>.Shared.Return(_chars);
            _chars = ArrayPool<char>.Shared.Rent(length);
        }
        return _chars;
    }
}
