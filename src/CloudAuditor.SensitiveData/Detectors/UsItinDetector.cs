using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// US Individual Taxpayer Identification Numbers: 9XX-YY-ZZZZ with the group in IRS's issued ranges (50-65, 70-88, 90-92, 94-99).
/// An ITIN keyword must be near even when dashed: invalid SSNs written as fakes ("987-65-4321") have the same shape.
/// </summary>
public sealed partial class UsItinDetector : NumericDetector
{
    private static readonly string[] ContextWords = ["itin", "taxpayer", "tax id", "tax_id", "tin", "w-7"];

    public override string EntityType => EntityTypes.UsItin;

    public override (int Min, int Max) DigitCount => (9, 9);

    public override bool Wants(in NumericToken token) => token.Separators is 0 or 2;

    protected override bool WholeToken => true;

    protected override Regex Candidates => Pattern();

    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) =>
        text[token.First] == '9' && (field.NameContains(ContextWords) || HasContextBefore(text[..token.First], 40, ContextWords));

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        var dashed = value.Length == 11;
        var group = dashed ? value.Slice(4, 2) : value.Slice(3, 2);
        var g = (group[0] - '0') * 10 + (group[1] - '0');
        return g is >= 50 and <= 65 or >= 70 and <= 88 or >= 90 and <= 92 or >= 94;
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    [GeneratedRegex(@"(?<![\w-])9\d{2}(-?)\d{2}\1\d{4}(?![\w-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
