using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>PII that only validation and nearby keywords make precise: routing numbers, ITINs, UK National Insurance numbers.</summary>
public class ValidatedPiiDetectorTests
{
    private static int Count(string type, string text, string? field = null)
    {
        var tally = new DetectionTally();
        DetectorSet.Default.Scan(text, new FieldContext(field), tally);
        return tally.Count(type);
    }

    [Theory]
    [InlineData("ABA routing number 011000015", 1)]          // Federal Reserve Bank of Boston, a published routing number
    [InlineData("routing: 021000021", 1)]
    [InlineData("routing: 021000022", 0)]                     // checksum fails
    [InlineData("tracking 021000021 shipped", 0)]              // no routing keyword
    [InlineData("routing 991000021", 0)]                       // not a Federal Reserve prefix
    public void Routing_numbers_need_their_checksum_and_a_keyword(string text, int expected) =>
        Assert.Equal(expected, Count(EntityTypes.UsBankRoutingNumber, text));

    [Fact]
    public void A_routing_number_column_is_context_enough() => Assert.Equal(1, Count(EntityTypes.UsBankRoutingNumber, "011000015", "routing_number"));

    [Theory]
    [InlineData("ITIN 912-70-1234", 1)]
    [InlineData("ITIN 912-93-1234", 0)]                         // group 93 is never issued
    [InlineData("ref 987-65-4321", 0)]                          // the shape of a fake SSN, with no ITIN keyword
    [InlineData("912701234", 0)]                                // bare, no keyword
    [InlineData("taxpayer id 912701234", 1)]
    public void Itins_follow_the_irs_ranges(string text, int expected) => Assert.Equal(expected, Count(EntityTypes.UsItin, text));

    [Fact]
    public void An_itin_is_not_an_ssn() => Assert.Equal(0, Count(EntityTypes.UsSsn, "ssn 912-70-1234"));

    [Theory]
    [InlineData("NI number AB 12 34 56 C", 1)]
    [InlineData("NINO: JG123456A", 1)]
    [InlineData("QQ 12 34 56 C", 0)]                            // Q is never a first prefix letter
    [InlineData("GB 12 34 56 A", 0)]                            // unallocated prefix
    [InlineData("AB 12 34 56 E", 0)]                            // suffix beyond D
    public void National_insurance_numbers_follow_hmrc_allocation(string text, int expected) =>
        Assert.Equal(expected, Count(EntityTypes.UkNationalInsuranceNumber, text));

    [Theory]
    [InlineData("routing 536228726", "ssn")]
    [InlineData("classname 536228726", "ssn")]
    public void Context_words_count_only_at_the_start_of_a_word(string text, string _) => Assert.Equal(0, Count(EntityTypes.UsSsn, text));

    [Theory]
    [InlineData("SSN 536228726")]
    [InlineData("\"SocialSecurityNumber\": \"536228726\"")]
    public void Context_words_count_in_any_case_and_in_camel_case(string text) => Assert.Equal(1, Count(EntityTypes.UsSsn, text));

    [Theory]
    [InlineData("Patient DOB: 1984-07-23, ward 4", 1)]
    [InlineData("date_of_birth=1984-07-23", 1)]
    [InlineData("born 23.07.1984 in Leeds", 1)]
    [InlineData("deployed 2024-07-23 by ci", 0)]                // a date without a birth keyword
    [InlineData("DOB: 1984-02-30", 0)]                          // not a calendar date
    [InlineData("DOB: 2999-01-01", 0)]                          // in the future
    public void Dates_of_birth_need_a_birth_keyword_and_a_real_date(string text, int expected) =>
        Assert.Equal(expected, Count(EntityTypes.DateOfBirth, text));
}
