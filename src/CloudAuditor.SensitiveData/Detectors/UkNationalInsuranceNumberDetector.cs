using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// UK National Insurance numbers: two prefix letters under HMRC's allocation rules (neither D, F, I, Q, U, V; no O second; not BG, GB,
/// KN, NK, NT, TN, ZZ), six digits (often paired with spaces) and a suffix A-D: "QQ 12 34 56 C".
/// </summary>
public sealed partial class UkNationalInsuranceNumberDetector : NumericDetector
{
    private static readonly HashSet<string> Unallocated = ["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

    public override string EntityType => EntityTypes.UkNationalInsuranceNumber;

    public override (int Min, int Max) DigitCount => (6, 6);

    public override bool Wants(in NumericToken token) => token.First >= 2;

    /// <summary>The prefix letters and a space sit before the first digit.</summary>
    protected override int Lead => 3;

    protected override int Reach(in NumericToken token) => token.End - token.Start + 3;

    protected override Regex Candidates => Pattern();

    /// <summary>Most six-digit tokens have no prefix letters; they are let go before the pattern runs.</summary>
    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field)
    {
        var last = text[token.First - 1] == ' ' ? token.First - 2 : token.First - 1;
        return last >= 1 && char.IsAsciiLetterUpper(text[last]) && char.IsAsciiLetterUpper(text[last - 1]);
    }

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        var prefix = value[..2];
        return prefix[0] is not ('D' or 'F' or 'I' or 'Q' or 'U' or 'V') && prefix[1] is not ('D' or 'F' or 'I' or 'O' or 'Q' or 'U' or 'V')
            && !Unallocated.Contains(prefix.ToString());
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => $"**{Mask.KeepLastDigits(value[2..^1], 2)}*";

    [GeneratedRegex(@"(?<![\w-])[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
