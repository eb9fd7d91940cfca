using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detection;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// North American numbers written the way people write phone numbers (separators or parentheses, NANP area and
/// exchange codes starting 2-9), and international numbers in E.164 style (+ country code, 8 to 15 digits).
/// Bare digit runs are order numbers far more often than phone numbers, so they do not count.
/// </summary>
public sealed partial class PhoneNumberDetector : IDetector
{
    public string EntityType => EntityTypes.Phone;

    public void Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        var lastEnd = -1;
        foreach (var match in Nanp().EnumerateMatches(text))
        {
            tally.Add(EntityType, Mask.KeepLastDigits(text.Slice(match.Index, match.Length), 4));
            lastEnd = match.Index + match.Length;
        }
        if (text.IndexOf('+') < 0) return;
        foreach (var match in International().EnumerateMatches(text))
        {
            var value = text.Slice(match.Index, match.Length);
            if (match.Index < lastEnd && value.StartsWith("+1")) continue;
            var digits = 0;
            foreach (var c in value) if (char.IsAsciiDigit(c)) digits++;
            if (digits is >= 8 and <= 15 && !IsNanpCounted(value)) tally.Add(EntityType, Mask.KeepLastDigits(value, 4));
        }
    }

    /// <summary>"+1 415 555 2671" is found by both patterns; count it once.</summary>
    private static bool IsNanpCounted(ReadOnlySpan<char> value) => value.StartsWith("+1") && Nanp().IsMatch(value);

    [GeneratedRegex(@"(?<![\w+.-])(?:\+?1[ .-]?)?(?:\([2-9]\d{2}\) ?|[2-9]\d{2}[ .-])[2-9]\d{2}[ .-]\d{4}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Nanp();

    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{0,2}(?:[ .-]?\(?\d+\)?){2,6}(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex International();
}
