using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>International numbers in E.164 style: "+", a country code, 8 to 15 digits in all. "+1" numbers that read as NANP are counted once, there.</summary>
public sealed partial class InternationalPhoneDetector : NumericDetector
{
    public override string EntityType => EntityTypes.Phone;

    public override (int Min, int Max) DigitCount => (8, 15);

    public override bool Wants(in NumericToken token) => token.Plus;

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
