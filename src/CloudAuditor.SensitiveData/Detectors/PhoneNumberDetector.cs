using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// North American numbers written the way people write phone numbers (separators or parentheses, NANP area and
/// exchange codes starting 2-9). Bare digit runs are order numbers far more often than phone numbers, so they do not count.
/// </summary>
public sealed partial class NanpPhoneDetector : NumericDetector
{
    public override string EntityType => EntityTypes.Phone;

    /// <summary>The pattern needs a separator between exchange and line number; bare runs are never wanted.</summary>
    public override bool Wants(in NumericToken token) => token.Digits is 10 or 11 && token.Separators > 0;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    internal static bool IsNanp(ReadOnlySpan<char> value) => Pattern().IsMatch(value);

    [GeneratedRegex(@"(?<![\w+.-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>International numbers in E.164 style: "+", a country code, 8 to 15 digits in all. "+1" numbers that read as NANP are counted once, there.</summary>
public sealed partial class InternationalPhoneDetector : NumericDetector
{
    public override string EntityType => EntityTypes.Phone;

    public override bool Wants(in NumericToken token) => token.Plus && token.Digits is >= 8 and <= 15;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        var digits = 0;
        foreach (var c in value) if (char.IsAsciiDigit(c)) digits++;
        return digits is >= 8 and <= 15 && !(value.StartsWith("+1") && NanpPhoneDetector.IsNanp(value));
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d+\)?){2,6}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
