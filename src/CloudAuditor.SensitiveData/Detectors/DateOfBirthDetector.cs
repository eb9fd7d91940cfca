using System.Globalization;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Dates of birth: a real calendar date (ISO, or day first with dots or dashes; slashes do not join a numeric token) from 1900 to
/// today, counted only under a birth-date column or right after a birth keyword ("DOB", "date of birth", "born"), as Macie does
/// within ~30 characters. Every log line holds dates; only the keyword makes one personal.
/// </summary>
public sealed partial class DateOfBirthDetector : NumericDetector
{
    private static readonly string[] ContextWords = ["dob", "date of birth", "date_of_birth", "dateofbirth", "birth date", "birth_date", "birthdate",
        "birthday", "born"];

    private static readonly string[] Formats = ["yyyy-MM-dd", "yyyy-M-d", "dd.MM.yyyy", "d.M.yyyy", "dd-MM-yyyy", "d-M-yyyy"];

    public override string EntityType => EntityTypes.DateOfBirth;

    public override (int Min, int Max) DigitCount => (6, 8);

    public override bool Wants(in NumericToken token) => token.Separators == 2;

    protected override bool WholeToken => true;

    protected override Regex Candidates => Pattern();

    protected override bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) =>
        field.NameContains(ContextWords) || HasContextBefore(text[..token.Start], 30, ContextWords);

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && date.Year >= 1900 && date <= DateTime.UtcNow.Date;

    /// <summary>The year only: enough to recognise the record, not the person's birthday.</summary>
    protected override string MaskValue(ReadOnlySpan<char> value) =>
        DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? $"**-**-{date.Year.ToString(CultureInfo.InvariantCulture)}" : "**-**-****";

    [GeneratedRegex(@"(?<![\w.-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}([.-])\d{1,2}\1\d{4})(?![\w-]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
