namespace CloudAuditor.SensitiveData.Scanning;

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
