using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Payment card numbers: a known brand prefix and length, card-style grouping, and a valid Luhn checksum.</summary>
public sealed partial class CreditCardDetector : NumericDetector
{
    public override string EntityType => EntityTypes.CreditCard;

    /// <summary>A card is always a whole token: the tokenizer keeps neighbouring numbers apart.</summary>
    public override (int Min, int Max) DigitCount => (13, 19);

    protected override bool WholeToken => true;

    protected override Regex Candidates => Pattern();

    /// <summary>
    /// The token is the whole value, so its digits are judged before the pattern runs (which then only checks what borders it):
    /// most 13-19 digit tokens in logs fail the Luhn check.
    /// </summary>
    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field)
    {
        Span<byte> digits = stackalloc byte[19];
        Span<int> groups = stackalloc int[8];
        int count = 0, groupCount = 0, groupLength = 0;
        var separator = '\0';
        foreach (var c in text[token.First..token.End])
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 19) return false;
                digits[count++] = (byte)(c - '0');
                groupLength++;
                continue;
            }
            if (separator != '\0' && c != separator) return false;
            separator = c;
            if (groupCount == groups.Length) return false;
            groups[groupCount++] = groupLength;
            groupLength = 0;
        }
        groups[groupCount++] = groupLength;
        digits = digits[..count];
        return count >= 13 && IsCardGrouping(groups[..groupCount], count) && !AllSame(digits) && BrandAccepts(digits) && Checksums.Luhn(digits);
    }

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        !IbanPrefix().IsMatch(before[Math.Max(0, before.Length - 24)..]);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    /// <summary>Unseparated, or grouped the way cards are printed (4-4-4-4[-3], Amex 4-6-5, Diners 4-6-4).</summary>
    private static bool IsCardGrouping(ReadOnlySpan<int> groups, int digits)
    {
        if (groups.Length == 1) return true;
        if (groups.Length == 3) return groups[0] == 4 && groups[1] == 6 && groups[2] is 5 or 4;
        for (var i = 0; i < groups.Length - 1; i++) if (groups[i] != 4) return false;
        return groups[^1] is >= 1 and <= 4 && digits >= 13;
    }

    private static bool AllSame(ReadOnlySpan<byte> digits) => digits.IndexOfAnyExcept(digits[0]) < 0;

    private static int Prefix(ReadOnlySpan<byte> digits, int length)
    {
        var value = 0;
        for (var i = 0; i < length; i++) value = value * 10 + digits[i];
        return value;
    }

    private static bool BrandAccepts(ReadOnlySpan<byte> d)
    {
        var n = d.Length;
        var p2 = Prefix(d, 2);
        var p3 = Prefix(d, 3);
        var p4 = Prefix(d, 4);
        return d[0] == 4 && n is 13 or 16 or 19                                            // Visa
            || (p2 is >= 51 and <= 55 || p4 is >= 2221 and <= 2720) && n == 16               // Mastercard
            || p2 is 34 or 37 && n == 15                                                     // American Express
            || (p4 == 6011 || p2 == 65 || p3 is >= 644 and <= 649) && n is >= 16 and <= 19   // Discover
            || p4 is >= 3528 and <= 3589 && n is >= 16 and <= 19                             // JCB
            || (p3 is >= 300 and <= 305 || p2 is 36 or 38 or 39) && n is >= 14 and <= 19     // Diners Club
            || p2 == 62 && n is >= 16 and <= 19                                              // UnionPay
            || (p2 is 50 or 56 or 57 or 58 or 67) && n is >= 13 and <= 19;                   // Maestro
    }

    // A whole token, not touching anything word-like (an id, a hash) or a decimal point; a comma is a field separator (CSV).
    [GeneratedRegex(@"(?<![\w.-])\d(?:[ -]?\d){12,18}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The digits of an IBAN (valid or mistyped) after its country, check digits and letter groups: "GB45 XUIS 3669 7662 1997 11".</summary>
    [GeneratedRegex(@"[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){0,4} $", RegexOptions.CultureInvariant)]
    private static partial Regex IbanPrefix();
}
