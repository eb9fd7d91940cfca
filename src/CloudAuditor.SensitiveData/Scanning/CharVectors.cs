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

    /// <summary>Bit k set when character <paramref name="position"/> + k is an ASCII digit, for the 64 characters from there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong DigitMask(ReadOnlySpan<ushort> chars, int position)
    {
        ulong mask = 0;
        var zero = new Vector<ushort>('0');
        var nine = new Vector<ushort>(9);
        for (var k = 0; k < 64; k += Vector<byte>.Count)
        {
            var low = Load(chars, position + k);
            var high = Load(chars, position + k + Vector<ushort>.Count);
            // Unsigned: characters below '0' wrap around to large values.
            var digits = Vector.Narrow(Vector.LessThanOrEqual(low - zero, nine), Vector.LessThanOrEqual(high - zero, nine));
            mask |= MostSignificantBits(digits) << k;
        }
        return mask;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<ushort> Load(ReadOnlySpan<ushort> chars, int position) => new(chars.Slice(position, Vector<ushort>.Count));
}
