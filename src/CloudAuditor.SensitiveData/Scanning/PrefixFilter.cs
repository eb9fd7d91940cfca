using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Where any of a set of short ASCII prefixes may start, a vector of characters at a time, at a cost that does not grow
/// with the number of prefixes (the "Teddy" technique of Hyperscan and ripgrep). The prefixes are spread over eight
/// buckets; for each of the first three positions, two 16-entry tables give the buckets whose prefix allows a byte's low
/// and high nibble there, so six table lookups (byte shuffles) and a few ANDs mark every position where some bucket
/// matches all three. It may mark a position no prefix starts at (nibbles of different prefixes combine), never miss
/// one: <see cref="MayStartAt"/> then drops most false marks with an exact test of the first two characters, before
/// the caller's full comparison. Comparing the text against every prefix in turn cost six vector operations per
/// prefix; this costs the same for three prefixes or thirty.
/// </summary>
internal sealed class PrefixFilter
{
    /// <summary>Characters of each prefix the filter looks at; a prefix shorter than this lets any character follow.</summary>
    public const int Positions = 3;

    private const int Buckets = 8;

    private readonly Vector128<byte>[] _low = new Vector128<byte>[Positions];
    private readonly Vector128<byte>[] _high = new Vector128<byte>[Positions];
    private readonly Vector256<byte>[] _low256 = new Vector256<byte>[Positions];
    private readonly Vector256<byte>[] _high256 = new Vector256<byte>[Positions];

    /// <summary>One bit per pair of ASCII characters (first * 128 + second) that begins some prefix.</summary>
    private readonly ulong[] _pairs = new ulong[128 * 128 / 64];

    /// <param name="prefixes">ASCII prefixes; with Fold, either case of each letter matches.</param>
    public PrefixFilter(IReadOnlyCollection<(string Prefix, bool Fold)> prefixes)
    {
        if (prefixes.Any(p => p.Prefix.Length == 0 || !System.Text.Ascii.IsValid(p.Prefix)))
            throw new ArgumentException("Prefixes must be non-empty ASCII.", nameof(prefixes));
        foreach (var (prefix, fold) in prefixes) AddPairs(prefix, fold);
        var low = new byte[Positions, 16];
        var high = new byte[Positions, 16];
        var buckets = Assign(prefixes);
        for (var b = 0; b < Buckets; b++)
        {
            for (var p = 0; p < Positions; p++)
            {
                for (var n = 0; n < 16; n++)
                {
                    if ((buckets[b].Low[p] >> n & 1) != 0) low[p, n] |= (byte)(1 << b);
                    if ((buckets[b].High[p] >> n & 1) != 0) high[p, n] |= (byte)(1 << b);
                }
            }
        }
        for (var p = 0; p < Positions; p++)
        {
            _low[p] = Vector128.Create(Row(low, p));
            _high[p] = Vector128.Create(Row(high, p));
            // vpshufb looks up within each 128-bit lane: both lanes carry the same table.
            _low256[p] = Vector256.Create(_low[p], _low[p]);
            _high256[p] = Vector256.Create(_high[p], _high[p]);
        }
    }

    /// <summary>Whether the first two characters at <paramref name="position"/> begin some prefix (one lookup, for each mark).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool MayStartAt(ReadOnlySpan<char> text, int position)
    {
        int first = text[position];
        if (first >= 128) return false;
        // The end of the text (0) and non-ASCII characters (127) follow only single-character prefixes, which allow any second character.
        var second = position + 1 < text.Length ? Math.Min((int)text[position + 1], 127) : 0;
        var pair = first << 7 | second;
        return (_pairs[pair >> 6] >> pair & 1) != 0;
    }

    /// <summary>Characters marked per call; 0 where the machine has no vector shuffle to do it with.</summary>
    public static int Width => Avx2.IsSupported ? Vector256<byte>.Count : Vector128.IsHardwareAccelerated ? Vector128<byte>.Count : 0;

    /// <summary>
    /// One bit per character from <paramref name="position"/> (<see cref="Width"/> of them) where a prefix may start;
    /// reads <see cref="Width"/> + <see cref="Positions"/> - 1 characters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong CandidateMask(ReadOnlySpan<ushort> chars, int position) => Avx2.IsSupported ? Mask256(chars, position) : Mask128(chars, position);

    // Narrowing keeps each character's low byte: a non-ASCII character can pass for a prefix character here, never the reverse.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Mask256(ReadOnlySpan<ushort> chars, int position)
    {
        var hits = Match256(chars, position, 0) & Match256(chars, position, 1) & Match256(chars, position, 2);
        return ~Vector256.Equals(hits, Vector256<byte>.Zero).ExtractMostSignificantBits() & uint.MaxValue;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal ulong Mask128(ReadOnlySpan<ushort> chars, int position)
    {
        var hits = Match128(chars, position, 0) & Match128(chars, position, 1) & Match128(chars, position, 2);
        return ~Vector128.Equals(hits, Vector128<byte>.Zero).ExtractMostSignificantBits() & ushort.MaxValue;
    }

    /// <summary>The buckets whose prefix allows, at position <paramref name="p"/>, the byte at each of the 32 characters.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector256<byte> Match256(ReadOnlySpan<ushort> chars, int position, int p)
    {
        var bytes = Vector256.Narrow(Vector256.Create(chars.Slice(position + p, 16)), Vector256.Create(chars.Slice(position + p + 16, 16)));
        var nibble = Vector256.Create((byte)0xF);
        return Avx2.Shuffle(_low256[p], bytes & nibble) & Avx2.Shuffle(_high256[p], Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & nibble);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Vector128<byte> Match128(ReadOnlySpan<ushort> chars, int position, int p)
    {
        var bytes = Vector128.Narrow(Vector128.Create(chars.Slice(position + p, 8)), Vector128.Create(chars.Slice(position + p + 8, 8)));
        var nibble = Vector128.Create((byte)0xF);
        return Vector128.ShuffleNative(_low[p], bytes & nibble) & Vector128.ShuffleNative(_high[p], Vector128.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte()
            & nibble);
    }

    /// <summary>
    /// Single characters get buckets of their own, up to half of them: they let anything follow, and sharing a bucket crosses
    /// nibbles (':' and '@' together would mark every '0'). The other prefixes, grouped by first character, go one group at
    /// a time to the bucket whose accepted bytes grow least: a bucket of "gh" and "xox" would also take 'h' and 'w' (low
    /// nibble of one, high nibble of the other) and mark half the words of English.
    /// </summary>
    private static Nibbles[] Assign(IReadOnlyCollection<(string Prefix, bool Fold)> prefixes)
    {
        var buckets = Enumerable.Range(0, Buckets).Select(_ => new Nibbles()).ToArray();
        var singles = prefixes.Where(p => p.Prefix.Length == 1).GroupBy(p => char.ToLowerInvariant(p.Prefix[0])).OrderBy(g => g.Key).ToList();
        var singleBuckets = Math.Min(singles.Count, Buckets / 2);
        for (var i = 0; i < singles.Count; i++) buckets[i % singleBuckets].AddRange(singles[i]);
        var groups = prefixes.Where(p => p.Prefix.Length > 1).GroupBy(p => char.ToLowerInvariant(p.Prefix[0])).Select(g => new Nibbles().AddRange(g))
            .OrderByDescending(g => g.Accepted).ToList();
        foreach (var group in groups)
        {
            var best = Enumerable.Range(singleBuckets, Buckets - singleBuckets).MinBy(b => buckets[b].Union(group).Accepted - buckets[b].Accepted);
            buckets[best] = buckets[best].Union(group);
        }
        return buckets;
    }

    /// <summary>The low and high nibbles a bucket accepts at each position, as 16-bit sets.</summary>
    private sealed class Nibbles
    {
        public int[] Low { get; } = new int[Positions];
        public int[] High { get; } = new int[Positions];

        /// <summary>How many strings of three bytes pass the bucket: at each position, any low nibble it accepts with any high one.</summary>
        public long Accepted => Enumerable.Range(0, Positions).Aggregate(1L, (product, p) =>
            product * BitOperations.PopCount((uint)Low[p]) * BitOperations.PopCount((uint)High[p]));

        public Nibbles AddRange(IEnumerable<(string Prefix, bool Fold)> prefixes)
        {
            foreach (var (prefix, fold) in prefixes)
            {
                for (var p = 0; p < Positions; p++)
                {
                    // A prefix shorter than the filter lets anything follow; folding adds the other case's high nibble (the case bit, 0x20, lies there).
                    foreach (var c in p < prefix.Length ? Cases(prefix[p], fold) : Enumerable.Range(0, 256).Select(b => (char)b))
                        (Low[p], High[p]) = (Low[p] | 1 << (c & 0xF), High[p] | 1 << (c >> 4 & 0xF));
                }
            }
            return this;
        }

        public Nibbles Union(Nibbles other)
        {
            var union = new Nibbles();
            for (var p = 0; p < Positions; p++) (union.Low[p], union.High[p]) = (Low[p] | other.Low[p], High[p] | other.High[p]);
            return union;
        }
    }

    private void AddPairs(string prefix, bool fold)
    {
        foreach (var first in Cases(prefix[0], fold))
            foreach (var second in prefix.Length == 1 ? Enumerable.Range(0, 128).Select(c => (char)c) : Cases(prefix[1], fold))
            {
                var pair = first << 7 | second;
                _pairs[pair >> 6] |= 1UL << pair;
            }
    }

    private static IEnumerable<char> Cases(char c, bool fold) => fold && char.IsAsciiLetter(c) ? [(char)(c | 0x20), (char)(c & ~0x20)] : [c];

    private static byte[] Row(byte[,] table, int p) => [.. Enumerable.Range(0, 16).Select(n => table[p, n])];
}
