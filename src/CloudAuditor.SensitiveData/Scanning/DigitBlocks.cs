using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Where the digits are, one 64-character block at a time (vector compares per block), so finding the next digit or
/// the end of a run is a bit scan instead of a call per run or a test per character: logs are full of short runs.
/// It also marks which runs may begin a token worth tokenising, so the short runs of hashes and times are passed over
/// with bit operations, not one by one.
/// </summary>
internal ref struct DigitBlocks(ReadOnlySpan<char> text)
{
    private const int BlockSize = 64;

    /// <summary>A run starting at a block's first or last three characters is not seen whole within the block.</summary>
    private const ulong BlockEdges = 1UL | 7UL << 61;

    private readonly ReadOnlySpan<char> _text = text;
    private int _blockStart = -1;
    private ulong _digits;
    private ulong _tokenStarts;

    /// <summary>The first index at or after <paramref name="position"/> that is (or is not) a digit; the text's length if none.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Next(int position, bool digit) => Scan(position, Bits.Digits, digit);

    /// <summary>
    /// The first digit at or after <paramref name="position"/> that begins a run which may start a token of four or more digits or
    /// after a country code: a run of four or more, one followed by a separator (it may join the next), or one after a capital letter.
    /// A run of fewer than four digits with none of these is a token of its own that no detector wants. The text's length if none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextTokenStart(int position) => Scan(position, Bits.TokenStarts, set: true);

    private enum Bits { Digits, TokenStarts }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Scan(int position, Bits which, bool set)
    {
        while (position < _text.Length)
        {
            var block = position & ~(BlockSize - 1);
            if (block != _blockStart) Load(block);
            var mask = which == Bits.Digits ? _digits : _tokenStarts;
            var bits = (set ? mask : ~mask) >> (position - block);
            if (bits != 0) return Math.Min(_text.Length, position + BitOperations.TrailingZeroCount(bits));
            position = block + BlockSize;
        }
        return _text.Length;
    }

    private void Load(int block)
    {
        _blockStart = block;
        var (digits, separators, capitals) = Vector.IsHardwareAccelerated && block + BlockSize <= _text.Length
            ? CharVectors.NumberClasses(MemoryMarshal.Cast<char, ushort>(_text), block) : Classify(_text[block..Math.Min(_text.Length, block + BlockSize)]);
        _digits = digits;
        _tokenStarts = TokenStarts(digits, separators, capitals);
    }

    /// <summary>First digits of runs that are long (four or more), followed by a separator, after a capital, or cut by the block's edges.</summary>
    internal static ulong TokenStarts(ulong digits, ulong separators, ulong capitals)
    {
        var starts = digits & ~(digits << 1);
        var long4 = digits & digits >> 1 & digits >> 2 & digits >> 3;
        // From the last digit of each run followed by a separator back to the first digit of a run of up to three (longer ones are long4).
        var joined = digits & ~(digits >> 1) & separators >> 1;
        joined |= joined >> 1 & digits;
        joined |= joined >> 1 & digits;
        return starts & (long4 | joined | capitals << 1 | BlockEdges);
    }

    private static (ulong Digits, ulong Separators, ulong Capitals) Classify(ReadOnlySpan<char> chars)
    {
        ulong digits = 0, separators = 0, capitals = 0;
        for (var k = 0; k < chars.Length; k++)
        {
            if (char.IsAsciiDigit(chars[k])) digits |= 1UL << k;
            else if (chars[k] is ' ' or '-' or '.' or '(' or ')') separators |= 1UL << k;
            else if (char.IsAsciiLetterUpper(chars[k])) capitals |= 1UL << k;
        }
        return (digits, separators, capitals);
    }
}
