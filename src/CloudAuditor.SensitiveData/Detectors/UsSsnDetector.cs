using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// US Social Security numbers under SSA's issuance rules (area not 000, 666 or 900-999; group not 00; serial not 0000).
/// Dash-formatted numbers stand on their own; unformatted or space-separated ones need context (a column or
/// nearby words), since nine digits alone are usually something else.
/// </summary>
public sealed partial class UsSsnDetector : NumericDetector
{
    private static readonly string[] ContextWords = ["ssn", "social security", "socialsecurity", "soc sec", "social_security", "taxpayer", "tin"];

    /// <summary>Numbers SSA voided after they were printed in advertising; they appear in sample data everywhere.</summary>
    private static readonly HashSet<string> Voided = ["078051120", "219099999"];

    public override string EntityType => EntityTypes.UsSsn;

    /// <summary>An SSN is always a whole token: nine digits, bare or with two separators.</summary>
    public override (int Min, int Max) DigitCount => (9, 9);

    public override bool Wants(in NumericToken token) => token.Separators is 0 or 2;

    protected override bool WholeToken => true;

    protected override Regex Candidates => Pattern();

    /// <summary>Dashed, or with context: most nine-digit tokens in logs are neither, and are let go before the pattern runs.</summary>
    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) =>
        text[token.First + 3] == '-' || field.NameContains(ContextWords) || HasContextBefore(text[..token.First], 40, ContextWords);

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        Span<char> digits = stackalloc char[9];
        var n = 0;
        foreach (var c in value) if (char.IsAsciiDigit(c)) digits[n++] = c;
        var area = int.Parse(digits[..3], provider: System.Globalization.CultureInfo.InvariantCulture);
        return area is not (0 or 666 or >= 900) && digits[3..5] is not "00" && digits[5..] is not "0000" && !Voided.Contains(new string(digits));
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    [GeneratedRegex(@"(?<![\w-])\d{3}([- ]?)\d{2}\1\d{4}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
