namespace CloudAuditor.SensitiveData.Detectors;

public static class Checksums
{
    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i];
            if (doubleIt && (d *= 2) > 9) d -= 9;
            sum += d;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>ISO 13616 check: move the first four characters to the end, letters to 10..35, remainder mod 97 must be 1.</summary>
    public static bool IbanMod97(ReadOnlySpan<char> compactIban)
    {
        var remainder = 0;
        for (var i = 0; i < compactIban.Length; i++)
        {
            var c = compactIban[(i + 4) % compactIban.Length];
            if (char.IsAsciiDigit(c)) remainder = (remainder * 10 + (c - '0')) % 97;
            else if (char.IsAsciiLetterUpper(c)) remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            else return false;
        }
        return remainder == 1;
    }

    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    /// <summary>
    /// GitHub's token checksum (github.blog, 2021-04-05 "new authentication token formats"): the last six characters
    /// are the base62 CRC32 of the thirty random ones before them.
    /// </summary>
    public static bool GitHubTokenChecksum(ReadOnlySpan<char> randomPart, ReadOnlySpan<char> checksum)
    {
        ulong expected = 0;
        foreach (var c in checksum)
        {
            var digit = Base62Alphabet.IndexOf(c);
            if (digit < 0) return false;
            expected = expected * 62 + (ulong)digit;
        }
        return expected == Crc32(randomPart);
    }

    public static uint Crc32(ReadOnlySpan<char> asciiText)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var c in asciiText) crc = Crc32Table[(crc ^ (byte)c) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildCrc32Table()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
