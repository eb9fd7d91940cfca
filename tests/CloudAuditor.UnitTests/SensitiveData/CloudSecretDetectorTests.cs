using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.UnitTests.SensitiveData;

/// <summary>
/// The storage and cloud secrets users of this product leak most, each with a lookalike that must stay silent and a mask that shows
/// no secret.
/// </summary>
public class CloudSecretDetectorTests
{
    private const string Signature = "8N3uUIyplLzWpWl9Q2uUHoSTGL2Wv3ShG5tzEFBrAgc%3D";

    private static DetectionTally Scan(string text)
    {
        var tally = new DetectionTally();
        DetectorSet.Default.Scan(text, FieldContext.None, tally);
        return tally;
    }

    private static string OnlyMask(string text, string type)
    {
        var entity = Assert.Single(Scan(text).ToEntities(), e => e.Type == type);
        Assert.Equal(1, entity.Count);
        return Assert.Single(entity.Masked);
    }

    [Fact]
    public void A_sas_url_is_reported_with_its_permissions_and_expiry_but_not_its_signature()
    {
        var mask = OnlyMask($"https://acct.blob.core.windows.net/exports/q3.csv?sv=2022-11-02&sp=rl&se=2027-06-30T00%3A00%3A00Z&spr=https&sig={Signature}",
            EntityTypes.AzureSasToken);
        Assert.Equal("SAS sp=rl se=2027-06-30T00:00:00Z sig=[redacted]", mask);
    }

    [Fact]
    public void A_sas_in_a_storage_connection_string_is_found()
    {
        var text = $"BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rwdlac&se=2026-12-31T00:00:00Z&sig={Signature}";
        Assert.Equal(1, Scan(text).Count(EntityTypes.AzureSasToken));
    }

    [Theory]
    [InlineData("?sig=" + Signature)]
    [InlineData("?sv=2022-11-02&sig=abc123")]
    [InlineData("config sig=" + Signature + " sv=2022-11-02")]
    public void Signature_lookalikes_are_not_sas(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.AzureSasToken));

    [Fact]
    public void Service_bus_keys_need_their_connection_string()
    {
        const string Key = "Yb2sFPD4cRzLgvRXdXbAnIqGrxZZnVPS6fHhtgWGu3c=";
        Assert.Equal("SharedAccessKey=[redacted]", OnlyMask($"Endpoint=sb://ns1.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey={Key}",
            EntityTypes.AzureSharedAccessKey));
        Assert.Equal(0, Scan($"SharedAccessKey={Key}").Count(EntityTypes.AzureSharedAccessKey));
    }

    [Theory]
    [InlineData("postgres://app:Tr0ub4dor3@db.example.com:5432/app", "postgres://a***:[redacted]@db.example.com:5432")]
    [InlineData("mongodb+srv://svc:hunter2@cluster0.example.net/db", "mongodb+srv://s***:[redacted]@cluster0.example.net")]
    public void Passwords_in_urls_are_masked_keeping_the_system(string text, string mask) => Assert.Equal(mask, OnlyMask(text, EntityTypes.UrlCredentials));

    [Theory]
    [InlineData("postgres://app:${DB_PASSWORD}@db/app")]
    [InlineData("mysql://root:****@localhost/app")]
    [InlineData("https://user@example.com/path")]
    [InlineData("see https://example.com/a:b@c")]
    public void Url_templates_and_plain_urls_hold_no_credentials(string text) => Assert.Equal(0, Scan(text).Count(EntityTypes.UrlCredentials));

    [Fact]
    public void A_connection_string_password_is_found_and_a_form_hint_is_not()
    {
        Assert.Equal("Password=[redacted]", OnlyMask("Server=tcp:sql1.example.net,1433;Database=app;User Id=svc;Password=S3cure!pass;Encrypt=true",
            EntityTypes.ConnectionStringPassword));
        Assert.Equal(0, Scan("Set password=hunter2 in the sign-up form").Count(EntityTypes.ConnectionStringPassword));
        Assert.Equal(0, Scan("Server=db;User Id=app;Password=<your password>;").Count(EntityTypes.ConnectionStringPassword));
    }

    [Theory]
    [InlineData("SLACK_WEBHOOK=https://hooks.slack.com/services/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", EntityTypes.SlackWebhookUrl)]
    [InlineData("stripe.api_key = \"sk_live_51H8xYzAbCdEfGhIjKlMnOpQr\"", EntityTypes.StripeSecretKey)]
    [InlineData("key=AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY", EntityTypes.GoogleApiKey)]
    public void Prefixed_cloud_keys_are_found(string text, string type) => Assert.Equal(1, Scan(text).Count(type));

    [Theory]
    [InlineData("https://hooks.slack.com/services/TXXXXXXXX/BXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX")]
    [InlineData("sk_test_51H8xYzAbCdEfGhIjKlMnOpQr and pk_live_51H8xYzAbCdEfGhIjKlMnOpQr")]
    [InlineData("AIzaSyD-9tSrke72PouQMnMX-a7eZSW0jkFMBW")]
    public void Placeholders_test_keys_and_short_keys_are_not(string text) => Assert.True(Scan(text).IsEmpty);
}
