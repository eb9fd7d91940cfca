using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Known-good values from public test data for each type, and the lookalikes that must stay silent.</summary>
public class DetectorTests
{
    private static DetectionTally Scan(string text, string? field = null)
    {
        var tally = new DetectionTally();
        DetectorSet.Default.Scan(text, new FieldContext(field), tally);
        return tally;
    }

    private static void AssertFinds(string type, string text, int count = 1, string? field = null) =>
        Assert.Equal(count, Scan(text, field).Count(type));

    private static void AssertSilent(string text, string? field = null) =>
        Assert.True(Scan(text, field).IsEmpty, $"unexpected: {string.Join(", ", Scan(text, field).ToEntities().Select(e => e.Type))}");

    [Fact]
    public void Each_detector_alone_finds_what_it_finds_in_the_set()
    {
        var text = new CloudAuditor.SensitiveData.Evaluation.LabeledCorpus(5).Text(200_000, 0.5);
        var together = Scan(text);
        foreach (var type in DetectorSet.Default.EntityTypes)
        {
            var alone = new DetectionTally();
            foreach (var detector in DetectorSet.Default.Detectors.Where(d => d.EntityType == type)) new DetectorSet([detector]).Scan(text, FieldContext.None,
                alone);
            Assert.True(alone.Count(type) > 0, type);
            Assert.Equal(together.Count(type), alone.Count(type));
        }
    }

    [Theory]
    [InlineData("4111 1111 1111 1111")]          // Visa, spaces
    [InlineData("4012-8888-8888-1881")]          // Visa, dashes
    [InlineData("5555555555554444")]             // Mastercard
    [InlineData("2223000048400011")]             // Mastercard 2-series
    [InlineData("3782 822463 10005")]            // American Express 4-6-5
    [InlineData("6011111111111117")]             // Discover
    [InlineData("3530111333300000")]             // JCB
    [InlineData("3056 930902 5904")]             // Diners 4-6-4
    [InlineData("6200000000000005")]             // UnionPay
    public void Cards_of_every_major_brand(string card) => AssertFinds(EntityTypes.CreditCard, $"paid with {card}.");

    [Theory]
    [InlineData("4111 1111 1111 1112")]          // Luhn fails
    [InlineData("4111-1111 1111-1111")]          // mixed separators
    [InlineData("1234567812345670")]             // Luhn passes, no brand starts with 1
    [InlineData("0000000000000000")]
    [InlineData("4111 11111 111 1111")]          // not card grouping
    public void Card_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.CreditCard));

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00")]
    [InlineData("GB82WEST12345698765432")]
    [InlineData("FR14 2004 1010 0505 0001 3M02 606")]
    [InlineData("NL91ABNA0417164300")]
    [InlineData("NO9386011117947")]
    public void Ibans_with_registered_length_and_valid_check(string iban) => AssertFinds(EntityTypes.Iban, $"pay to {iban} today");

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 01")]  // check fails
    [InlineData("DE89 3704 0044 0532 0130")]     // too short for DE
    [InlineData("XX89 3704 0044 0532 0130 00")]  // no such country
    public void Iban_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.Iban));

    [Fact]
    public void Dashed_ssn_stands_alone_and_masks_all_but_the_serial()
    {
        var tally = Scan("employee 123-45-6789 hired");
        Assert.Equal("***-**-6789", Assert.Single(Assert.Single(tally.ToEntities()).Masked));
    }

    [Theory]
    [InlineData("123456789", "ssn")]
    [InlineData("123 45 6789", "social_security_number")]
    public void Undashed_ssn_needs_a_column_or_word_context(string value, string column)
    {
        AssertFinds(EntityTypes.UsSsn, value, field: column);
        AssertFinds(EntityTypes.UsSsn, $"SSN: {value}");
        Assert.Equal(0, Scan($"invoice {value}").Count(EntityTypes.UsSsn));
    }

    [Theory]
    [InlineData("666-12-3456")]
    [InlineData("000-12-3456")]
    [InlineData("912-12-3456")]
    [InlineData("123-00-4567")]
    [InlineData("123-45-0000")]
    [InlineData("078-05-1120")]                  // voided by SSA after appearing in advertising
    [InlineData("94105-1234")]                   // ZIP+4
    [InlineData("part 555-12-3456X")]
    public void Ssn_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.UsSsn));

    [Theory]
    [InlineData("(415) 555-2671")]
    [InlineData("415-555-2671")]
    [InlineData("415.555.2671")]
    [InlineData("+1 415 555 2671")]
    [InlineData("+14155552671")]
    [InlineData("+44 20 7946 0958")]
    [InlineData("+49 30 901820")]
    public void Phone_numbers_in_written_forms(string phone) => AssertFinds(EntityTypes.Phone, $"call {phone} now");

    [Theory]
    [InlineData("order 4155552671")]             // bare digits: an order number
    [InlineData("2024-03-15")]
    [InlineData("115-555-2671")]                 // area code cannot start with 1
    [InlineData("at 12:30:45")]
    public void Phone_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.Phone));

    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("first.last+tag@sub.example.co.uk")]
    public void Emails(string email) => AssertFinds(EntityTypes.Email, $"mail {email}.");

    [Theory]
    [InlineData("icon@2x.png")]
    [InlineData("user@localhost")]
    [InlineData("lodash@4.17.21")]
    [InlineData("@handle")]
    public void Email_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.Email));

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("192.168.1.254")]
    [InlineData("2001:0db8:85a3:0000:0000:8a2e:0370:7334")]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1ff:fe23:4567:890a")]
    [InlineData("::ffff:192.0.2.128")]
    public void Ip_addresses_full_and_compressed(string ip) => AssertFinds(EntityTypes.IpAddress, $"from {ip} at noon");

    [Theory]
    [InlineData("version 10.0.19041.1")]
    [InlineData("v1.2.3.4")]
    [InlineData("1.2.3.4.5")]
    [InlineData("300.1.1.1")]
    [InlineData("01.02.03.04")]
    [InlineData("mac 00:1A:2B:3C:4D:5E")]
    [InlineData("time 12:30:45")]
    [InlineData("std::vector")]
    public void Ip_lookalikes(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.IpAddress));

    [Fact]
    public void Aws_key_id_is_found_but_documentation_examples_are_not()
    {
        AssertFinds(EntityTypes.AwsAccessKeyId, "aws_access_key_id=AKIAZ7VRSQ5NJ2XGPQ3M");
        AssertFinds(EntityTypes.AwsAccessKeyId, "ASIAQWERTYUIOPASDFGH");
        Assert.Equal(0, Scan("AKIAIOSFODNN7EXAMPLE").Count(EntityTypes.AwsAccessKeyId));
        Assert.Equal("AKIA…[redacted]", Assert.Single(Scan("AKIAZ7VRSQ5NJ2XGPQ3M").ToEntities()).Masked[0]);
    }

    [Fact]
    public void Aws_secret_needs_context_and_is_never_shown()
    {
        const string Secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYzEXAMPLEKEY1";
        AssertFinds(EntityTypes.AwsSecretAccessKey, $"aws_secret_access_key = {Secret}");
        AssertFinds(EntityTypes.AwsSecretAccessKey, Secret, field: "SecretAccessKey");
        Assert.Equal(0, Scan($"data {Secret}").Count(EntityTypes.AwsSecretAccessKey));
        Assert.Equal(0, Scan("secret_hash = da39a3ee5e6b4b0d3255bfef95601890afd80709").Count(EntityTypes.AwsSecretAccessKey));
        Assert.DoesNotContain(Scan($"aws_secret_access_key = {Secret}").ToEntities().SelectMany(e => e.Masked), m
            => m.Contains("wJal", StringComparison.Ordinal));
    }

    [Fact]
    public void Azure_account_key_in_a_connection_string_but_not_a_sha512_integrity_hash()
    {
        var key = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray());
        AssertFinds(EntityTypes.AzureStorageAccountKey, $"DefaultEndpointsProtocol=https;AccountName=prod;AccountKey={key};EndpointSuffix=core.windows.net");
        Assert.Equal(0, Scan($"\"integrity\": \"sha512-{key}\"").Count(EntityTypes.AzureStorageAccountKey));
        Assert.Equal(0, Scan($"blob {key}").Count(EntityTypes.AzureStorageAccountKey));
    }

    [Fact]
    public void Private_keys_count_one_per_pem_block_with_key_material()
    {
        var body = string.Join('\n', Enumerable.Repeat("MIIEowIBAAKCAQEAvWlmXpUyHbZgQ0dKJx3qY1nF8e0gYv5b2c9Zq1sH4tR7uJk", 3));
        var two = $"-----BEGIN RSA PRIVATE KEY-----\n{body}\n-----END RSA PRIVATE KEY-----\n-----BEGIN OPENSSH PRIVATE KEY-----\n{body}\n-----END OPENSSH " +
            $"PRIVATE KEY-----";
        AssertFinds(EntityTypes.PrivateKey, two, 2);
        Assert.Equal(0, Scan("Paste your -----BEGIN PRIVATE KEY----- here").Count(EntityTypes.PrivateKey));
        Assert.Equal(0, Scan($"-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----").Count(EntityTypes.PrivateKey));
    }

    [Fact]
    public void Jwt_needs_a_decodable_header_with_alg()
    {
        AssertFinds(EntityTypes.Jwt, "Bearer " +
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
        Assert.Equal(0, Scan("eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.abc").Count(EntityTypes.Jwt));
        Assert.Equal(0, Scan("eyJhbGciOiJIUzI1NiJ9.not-json-at-all.sig").Count(EntityTypes.Jwt));
    }

    [Fact]
    public void GitHub_tokens_need_a_valid_checksum()
    {
        // Thirty zeros checksum to 2C8GjS: base62 of zlib.crc32(b"0" * 30), computed independently with Python.
        AssertFinds(EntityTypes.GitHubToken, "token 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");
        Assert.Equal(0, Scan("token ghp_0000000000000000000000000000002C8GjT").Count(EntityTypes.GitHubToken));
        AssertFinds(EntityTypes.GitHubToken, "github_pat_11ABCDEFG0123456789abc_" + new string('a', 59));
    }

    [Fact]
    public void Slack_tokens_in_documented_shapes()
    {
        AssertFinds(EntityTypes.SlackToken, "SLACK_BOT_TOKEN=xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy");
        Assert.Equal(0, Scan("xoxb-not-a-token").Count(EntityTypes.SlackToken));
    }

    [Theory]
    [InlineData("request 3f2504e0-4f89-11d3-9a0c-0305e82c3301 done")]
    [InlineData("sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("2026-11-23T18:02:56.123Z took 1710498153 ms")]
    [InlineData("Order #100245781 shipped to 94105-1234")]
    [InlineData("pi 3.14159265358979 price $1,234.56")]
    public void Everyday_machine_text_is_silent(string text) => AssertSilent(text);

    [Fact]
    public void Masked_examples_never_contain_the_full_value_and_are_capped()
    {
        var text = string.Join('\n', Enumerable.Range(0, 10).Select(i => $"ssn 123-45-{6780 + i}"));
        var entity = Assert.Single(Scan(text).ToEntities());
        Assert.Equal(10, entity.Count);
        Assert.Equal(DetectionTally.MaxExamples, entity.Masked.Count);
        Assert.All(entity.Masked, m => Assert.StartsWith("***-**-", m));
    }
}
