using System.Text;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Extraction;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>Each example of issue 15: how secrets and PII really leak (dotenv, CSV, CI logs), found as a user would expect.</summary>
public class LeakShapeRegressionTests
{
    /// <summary>AWS's documented example secret: digits, both cases and '/'.</summary>
    private const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>A key of the same shape with no digit at all (one random key in five thousand looks like this).</summary>
    private const string DigitlessSecret = "wJalrXUtnFEMIxKqMDENGbPxRfiCYEXAMPLEKEYz";

    private static async Task<ScanResult> ScanFileAsync(string text, string name) =>
        await new ContentScanner(DetectorSet.Default, ExtractionLimits.Default, new ScanMemoryBudget(64L << 20))
            .ScanAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), name, CancellationToken.None);

    private static DetectionTally Scan(string text)
    {
        var tally = new DetectionTally();
        DetectorSet.Default.Scan(text, FieldContext.None, tally);
        return tally;
    }

    [Theory]
    [InlineData(".env", "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=" + Secret + "\n")]
    [InlineData("notes.txt", "aws_secret_access_key=" + Secret + "\n")]
    [InlineData("deploy.sh", "export AWS_SECRET_ACCESS_KEY=\"" + Secret + "\"\n")]
    [InlineData("profile.ps1", "$env:AWS_SECRET_ACCESS_KEY = '" + Secret + "'\n")]
    [InlineData("credentials", "[default]\naws_secret_access_key = " + Secret + "\n")]
    [InlineData("main.tfvars", "secret_key = \"" + Secret + "\"\n")]
    [InlineData("compose.yaml", "environment:\n  AWS_SECRET_ACCESS_KEY: " + Secret + "\n")]
    [InlineData("key.json", "{\"AccessKeyId\": \"AKIAIOSFODNN7EXAMPLE\", \"SecretAccessKey\": \"" + DigitlessSecret + "\"}")]
    public async Task Aws_secrets_are_found_in_every_assignment_syntax(string name, string text) =>
        Assert.Equal(1, (await ScanFileAsync(text, name)).For(null).Count(EntityTypes.AwsSecretAccessKey));

    [Fact]
    public void A_digitless_forty_character_run_without_a_key_right_before_it_is_not_a_secret() =>
        Assert.Equal(0, Scan("the secret is kept elsewhere; checksum list follows: " + DigitlessSecret).Count(EntityTypes.AwsSecretAccessKey));

    [Fact]
    public void A_dashed_ssn_and_a_card_after_a_space_are_two_numbers()
    {
        var found = Scan("536-22-8726 4111111111111111");
        Assert.Equal(1, found.Count(EntityTypes.UsSsn));
        Assert.Equal(1, found.Count(EntityTypes.CreditCard));
    }

    [Theory]
    [InlineData("2024-01-01,4111111111111111,ok")]
    [InlineData("id 12,4111111111111111")]
    [InlineData("4111111111111111,12,ok")]
    public void A_card_beside_other_csv_numbers_is_found(string line) => Assert.Equal(1, Scan(line).Count(EntityTypes.CreditCard));

    [Theory]
    [InlineData("1234 5678 9012 3456 7890")]
    [InlineData("amount 0.4111111111111111")]
    [InlineData("ref 4111111111111111a")]
    public void Slices_of_longer_numbers_are_still_not_cards(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.CreditCard));

    [Theory]
    [InlineData("git clone https://x-access-token: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@github.com/org/app.git")]
    [InlineData("remote: https://deploy:s3cr3t-Pa55@gitlab.example.com/org/app.git")]
    [InlineData("ssh://git@github.com/org/app.git")]
    public void Url_user_info_is_not_an_email_address(string line) => Assert.Equal(0, Scan(line).Count(EntityTypes.Email));

    [Fact]
    public void The_token_in_a_clone_url_is_still_found_by_its_own_detector() =>
        Assert.Equal(1, Scan("https://x-access-token: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@github.com/org/app.git").Count(EntityTypes.GitHubToken));

    [Fact]
    public void An_address_after_a_url_is_still_an_email() =>
        Assert.Equal(1, Scan("see https://example.com/help or write to jane.doe@example.com").Count(EntityTypes.Email));

    [Fact]
    public async Task Header_only_columns_give_bare_numbers_their_type()
    {
        var result = await ScanFileAsync("ssn,mobile_phone,credit_card_number\n536228726,4155550123,4111111111111111\n", "export.csv");
        Assert.Equal(1, result.For(null).Count(EntityTypes.UsSsn));
        Assert.Equal(1, result.For(null).Count(EntityTypes.Phone));
        Assert.Equal(1, result.For(null).Count(EntityTypes.CreditCard));
    }

    [Theory]
    [InlineData("order_id,amount\n4155550123,12\n")]
    [InlineData("epoch 1700000000 and 4155550123 bytes\n")]
    public async Task Bare_ten_digit_numbers_without_phone_context_are_not_phones(string text) =>
        Assert.Equal(0, (await ScanFileAsync(text, "data.csv")).For(null).Count(EntityTypes.Phone));
}
