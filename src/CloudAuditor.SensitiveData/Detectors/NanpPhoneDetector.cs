using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// North American numbers written the way people write phone numbers (separators or parentheses, NANP area and
/// exchange codes starting 2-9). Bare digit runs are order numbers far more often than phone numbers, so they count only
/// under a phone-named column or key, or right after a phone keyword.
/// </summary>
public sealed partial class NanpPhoneDetector : NumericDetector
{
    public override string EntityType => EntityTypes.Phone;

    private static readonly string[] ContextWords = ["phone", "telephone", "mobile", "cell", "fax", "msisdn", "tel:", "tel.", "tel ", "tel_"];

    public override (int Min, int Max) DigitCount => (10, 11);

    /// <summary>A bare run is looked at only with phone context: logs are full of ten-digit ids and epoch times.</summary>
    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) =>
        token.Separators > 0 || field.NameContains(ContextWords) || HasContextBefore(text[..token.Start], ContextWindow, ContextWords);

    private const int ContextWindow = 30;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        value.ContainsAnyExceptInRange('0', '9') || field.NameContains(ContextWords) || HasContextBefore(before, ContextWindow, ContextWords);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.KeepLastDigits(value, 4);

    internal static bool IsNanp(ReadOnlySpan<char> value) => Pattern().IsMatch(value);

    [GeneratedRegex(@"(?<![\w+.-])(?:(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}|1?[2-9]\d{2}[2-9]\d{6})(?![\w-]|\.\d)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
