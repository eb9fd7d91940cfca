using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// US bank routing (ABA) numbers: nine digits, a Federal Reserve prefix (00-12, 21-32, 61-72, 80) and the 3-7-1 checksum. One nine-digit
/// number in ten passes the checksum, so a routing keyword must be in the column name or just before the number.
/// </summary>
public sealed partial class UsBankRoutingNumberDetector : NumericDetector
{
    private static readonly string[] ContextWords = ["routing", "aba", "rtn", "transit number", "bank code"];

    public override string EntityType => EntityTypes.UsBankRoutingNumber;

    public override (int Min, int Max) DigitCount => (9, 9);

    public override bool Wants(in NumericToken token) => token.Separators == 0;

    protected override bool WholeToken => true;

    protected override Regex Candidates => Pattern();

    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) =>
        field.NameContains(ContextWords) || HasContextBefore(text[..token.Start], 30, ContextWords);

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        var prefix = (value[0] - '0') * 10 + (value[1] - '0');
        if (prefix is not (<= 12 or >= 21 and <= 32 or >= 61 and <= 72 or 80)) return false;
        ReadOnlySpan<int> weights = [3, 7, 1];
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (value[i] - '0') * weights[i % 3];
        return sum % 10 == 0;
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    [GeneratedRegex(@"(?<![\w.-])\d{9}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
