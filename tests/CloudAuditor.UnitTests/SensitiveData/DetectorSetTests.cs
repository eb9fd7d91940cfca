using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>The set offers a numeric detector exactly the tokens whose digit count it declares, however long.</summary>
public partial class DetectorSetTests
{
    private sealed partial class LongNumberDetector((int Min, int Max) digits) : NumericDetector
    {
        public override string EntityType => "LONG_NUMBER";

        public override (int Min, int Max) DigitCount => digits;

        protected override bool WholeToken => true;

        protected override Regex Candidates => Digits();

        protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

        protected override string MaskValue(ReadOnlySpan<char> value) => "****";

        [GeneratedRegex("[0-9]+")]
        private static partial Regex Digits();
    }

    [Theory]
    [InlineData(5, 60, 70, 0)]
    [InlineData(62, 60, 70, 1)]
    [InlineData(63, 60, 70, 1)]
    [InlineData(64, 60, 70, 1)]
    [InlineData(70, 60, 70, 1)]
    [InlineData(71, 60, 70, 0)]
    [InlineData(200, 60, int.MaxValue, 1)]
    [InlineData(80, 100, 120, 0)]
    public void A_token_reaches_a_detector_only_within_its_digit_count(int tokenDigits, int min, int max, int expected)
    {
        var tally = new DetectionTally();
        new DetectorSet([new LongNumberDetector((min, max))]).Scan($"id {new string('7', tokenDigits)} end", FieldContext.None, tally);
        Assert.Equal(expected, tally.Count("LONG_NUMBER"));
    }
}
