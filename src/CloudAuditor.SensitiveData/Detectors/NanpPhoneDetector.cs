using System.Text.RegularExpressions;
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
