using System.Buffers;
using System.Text;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Extraction;

/// <summary>
/// CSV/TSV as it streams: each cell goes to its column's window, with the column's header as context. The first row
/// is taken as headers and also scanned without a column (it may be data). Quoted cells may hold delimiters, line
/// breaks and doubled quotes; cells of any length pass through in pieces, never held whole.
/// </summary>
internal sealed class CsvScanner : ITextSink, IDisposable
{
    private const int MaxHeaderChars = 256;

    /// <summary>Columns past this many are scanned without a header: a hostile first row cannot grow the header list.</summary>
    private const int MaxColumns = 4096;

    private readonly FieldWindows _fields;
    private readonly char _delimiter;
    private readonly SearchValues<char> _plainStops;
    private readonly List<string> _headers = [];
    private readonly StringBuilder _header = new();
    private readonly char[] _buffer = ArrayPool<char>.Shared.Rent(64 * 1024);
    private int _column;
    private bool _firstRow = true;
    private bool _cellStarted;
    private bool _inQuotes;
    private bool _quoteSeen;

    public CsvScanner(FieldWindows fields, char delimiter)
    {
        _fields = fields;
        _delimiter = delimiter;
        _plainStops = SearchValues.Create([delimiter, '"', '\n', '\r']);
    }

    public static char? DelimiterOf(string name)
    {
        if (name.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".tab", StringComparison.OrdinalIgnoreCase)) return '\t';
        if (name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) return ',';
        return null;
    }

    public Span<char> GetSpan(int sizeHint = 0) => _buffer;

    public Memory<char> GetMemory(int sizeHint = 0) => _buffer;

    public void Advance(int count) => Parse(_buffer.AsSpan(0, count));

    public void Complete()
    {
        if (_quoteSeen) _inQuotes = _quoteSeen = false;
        if (_cellStarted || _column > 0) EndCell(endOfRow: true);
        _fields.Complete();
    }

    private TextWindow Window => _firstRow || _column >= _headers.Count ? _fields.Unnamed : _fields.For(_headers[_column]);

    private void Parse(ReadOnlySpan<char> text)
    {
        while (!text.IsEmpty)
        {
            if (_quoteSeen)
            {
                // A quote inside quotes: doubled, it is a literal quote; otherwise it closed the quoted part.
                _quoteSeen = false;
                if (text[0] == '"')
                {
                    Content("\"");
                    text = text[1..];
                    continue;
                }
                _inQuotes = false;
            }
            if (_inQuotes)
            {
                var quote = text.IndexOf('"');
                Content(quote < 0 ? text : text[..quote]);
                if (quote < 0) return;
                _quoteSeen = true;
                text = text[(quote + 1)..];
                continue;
            }
            var stop = text.IndexOfAny(_plainStops);
            Content(stop < 0 ? text : text[..stop]);
            if (stop < 0) return;
            var c = text[stop];
            text = text[(stop + 1)..];
            if (c == '"' && !_cellStarted)
            {
                _inQuotes = _cellStarted = true;
            }
            else if (c == '"')
            {
                Content("\"");
            }
            else if (c != '\r')
            {
                EndCell(endOfRow: c == '\n');
            }
        }
    }

    private void Content(ReadOnlySpan<char> piece)
    {
        if (piece.IsEmpty) return;
        _cellStarted = true;
        Window.Write(piece);
        if (_firstRow && _header.Length < MaxHeaderChars) _header.Append(piece[..Math.Min(piece.Length, MaxHeaderChars - _header.Length)]);
    }

    private void EndCell(bool endOfRow)
    {
        Window.Write("\n");
        if (_firstRow && _headers.Count < MaxColumns)
        {
            _headers.Add(_header.ToString().Trim());
            _header.Clear();
        }
        _cellStarted = false;
        _column++;
        if (!endOfRow) return;
        _firstRow = false;
        _column = 0;
    }

    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        _fields.Dispose();
    }
}
