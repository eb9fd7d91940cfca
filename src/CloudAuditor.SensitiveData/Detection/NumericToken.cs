namespace CloudAuditor.SensitiveData.Detection;

/// <summary>
/// A run of digits joined by short separators (" ", "-", ".", "(", ")"), with a leading "+" or "(" kept:
/// the only places card, SSN, phone, IPv4 and IBAN patterns can match. Found once per text and shared.
/// </summary>
/// <param name="Start">Where the token begins, at its leading "+" or "(" if it has one.</param>
/// <param name="First">Its first digit.</param>
public readonly record struct NumericToken(int Start, int First, int End, int Digits, int Dots, bool Plus, bool CountryCodeBefore)
{
    /// <summary>From the first digit to the last, how many characters are not digits (separators).</summary>
    public int Separators => End - First - Digits;

    /// <summary>No detector wants fewer digits (the shortest IPv4 has four); most tokens in logs are shorter.</summary>
    private const int MinDigits = 4;

    public static void ForEach<TState>(ReadOnlySpan<char> text, ref TState state, TokenAction<TState> action)
    {
        var digits = new DigitBlocks(text);
        var position = 0;
        while (position < text.Length)
        {
            var first = digits.Next(position, digit: true);
            if (first == text.Length) return;
            var start = first > 0 && text[first - 1] is '+' or '(' ? first - 1 : first;
            int count = 0, dots = 0, i = first;
            while (true)
            {
                var runEnd = digits.Next(i, digit: false);
                count += runEnd - i;
                i = runEnd;
                var run = 0;
                while (run < 2 && i + run < text.Length && text[i + run] is ' ' or '-' or '.' or '(' or ')') run++;
                if (run == 0 || i + run >= text.Length || !char.IsAsciiDigit(text[i + run])) break;
                for (var k = 0; k < run; k++) if (text[i + k] == '.') dots++;
                i += run;
            }
            var countryCode = StartsWithCountryCode(text, first);
            if (count >= MinDigits || countryCode) action(text, new NumericToken(start, first, i, count, dots, start < first && text[start] == '+', countryCode), ref state);
            position = i + 1;
        }
    }

    /// <summary>Two capitals that begin a word right before the digits ("DE89"), not the tail of a base64 or base32 blob.</summary>
    private static bool StartsWithCountryCode(ReadOnlySpan<char> text, int first) =>
        first >= 2 && char.IsAsciiLetterUpper(text[first - 1]) && char.IsAsciiLetterUpper(text[first - 2])
        && (first == 2 || !char.IsAsciiLetterOrDigit(text[first - 3]));
}

public delegate void TokenAction<TState>(ReadOnlySpan<char> text, NumericToken token, ref TState state);

/// <summary>
/// Where the digits are, one 64-character block at a time (a vector compare per block), so finding the next digit
/// or the end of a run is a bit scan instead of a call per run or a test per character: logs are full of short runs.
/// </summary>
internal ref struct DigitBlocks(ReadOnlySpan<char> text)
{
    private const int BlockSize = 64;

    private readonly ReadOnlySpan<char> _text = text;
    private int _blockStart = -1;
    private ulong _mask;

    /// <summary>The first index at or after <paramref name="position"/> that is (or is not) a digit; the text's length if none.</summary>
    public int Next(int position, bool digit)
    {
        while (position < _text.Length)
        {
            var block = position & ~(BlockSize - 1);
            if (block != _blockStart) Load(block);
            var bits = (digit ? _mask : ~_mask) >> (position - block);
            if (bits != 0) return Math.Min(_text.Length, position + System.Numerics.BitOperations.TrailingZeroCount(bits));
            position = block + BlockSize;
        }
        return _text.Length;
    }

    private void Load(int block)
    {
        _blockStart = block;
        if (System.Numerics.Vector.IsHardwareAccelerated && block + BlockSize <= _text.Length)
        {
            _mask = CharVectors.DigitMask(System.Runtime.InteropServices.MemoryMarshal.Cast<char, ushort>(_text), block);
            return;
        }
        _mask = 0;
        for (var k = 0; block + k < _text.Length && k < BlockSize; k++) if (char.IsAsciiDigit(_text[block + k])) _mask |= 1UL << k;
    }
}
