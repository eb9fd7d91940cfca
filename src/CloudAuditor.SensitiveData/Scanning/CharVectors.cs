using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>Character-class masks over text with the machine's vector width, one bit per character.</summary>
internal static class CharVectors
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong MostSignificantBits(Vector<byte> vector) => Vector<byte>.Count switch
    {
        16 => vector.AsVector128().ExtractMostSignificantBits(),
        32 => vector.AsVector256().ExtractMostSignificantBits(),
        _ => vector.AsVector512().ExtractMostSignificantBits(),
    };

    /// <summary>
    /// For the 64 characters from <paramref name="position"/>, bit k set when character k is an ASCII digit, a separator
    /// inside numbers (' ', '-', '.', '(', ')'), or an ASCII capital letter.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (ulong Digits, ulong Separators, ulong Capitals) NumberClasses(ReadOnlySpan<ushort> chars, int position)
    {
        ulong digits = 0, separators = 0, capitals = 0;
        for (var k = 0; k < 64; k += Vector<byte>.Count)
        {
            var (low, high) = (Load(chars, position + k), Load(chars, position + k + Vector<ushort>.Count));
            digits |= Mask(Below(low, '0', 10), Below(high, '0', 10)) << k;
            separators |= Mask(Separator(low), Separator(high)) << k;
            capitals |= Mask(Below(low, 'A', 26), Below(high, 'A', 26)) << k;
        }
        return (digits, separators, capitals);
    }

    /// <summary>Characters in [<paramref name="first"/>, first + <paramref name="count"/>): unsigned, so those below wrap around to large values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ushort> Below(Vector<ushort> chars, char first, ushort count) =>
        Vector.LessThan(chars - new Vector<ushort>(first), new Vector<ushort>(count));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ushort> Separator(Vector<ushort> chars) =>
        Vector.Equals(chars, new Vector<ushort>(' ')) | Vector.Equals(chars, new Vector<ushort>('-')) | Vector.Equals(chars, new Vector<ushort>('.'))
        | Below(chars, '(', 2);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mask(Vector<ushort> low, Vector<ushort> high) => MostSignificantBits(Vector.Narrow(low, high));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ushort> Load(ReadOnlySpan<ushort> chars, int position) => new(chars.Slice(position, Vector<ushort>.Count));
}
