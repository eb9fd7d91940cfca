namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Entity type names fixed by CONTRACT.md.</summary>
public static class EntityTypes
{
    public const string Email = "EMAIL_ADDRESS";
    public const string Phone = "PHONE_NUMBER";
    public const string CreditCard = "CREDIT_CARD";
    public const string UsSsn = "US_SSN";
    public const string Iban = "IBAN_CODE";
    public const string IpAddress = "IP_ADDRESS";
    public const string UsBankRoutingNumber = "US_BANK_ROUTING_NUMBER";
    public const string UsItin = "US_ITIN";
    public const string UkNationalInsuranceNumber = "UK_NATIONAL_INSURANCE_NUMBER";
    public const string DateOfBirth = "DATE_OF_BIRTH";
    public const string AwsAccessKeyId = "AWS_ACCESS_KEY_ID";
    public const string AwsSecretAccessKey = "AWS_SECRET_ACCESS_KEY";
    public const string AzureStorageAccountKey = "AZURE_STORAGE_ACCOUNT_KEY";
    public const string PrivateKey = "PRIVATE_KEY";
    public const string Jwt = "JWT";
    public const string GitHubToken = "GITHUB_TOKEN";
    public const string SlackToken = "SLACK_TOKEN";
    public const string SlackWebhookUrl = "SLACK_WEBHOOK_URL";
    public const string StripeSecretKey = "STRIPE_SECRET_KEY";
    public const string GoogleApiKey = "GOOGLE_API_KEY";
    public const string NpmToken = "NPM_TOKEN";
    public const string AzureSasToken = "AZURE_SAS_TOKEN";
    public const string AzureSharedAccessKey = "AZURE_SHARED_ACCESS_KEY";
    public const string UrlCredentials = "URL_CREDENTIALS";
    public const string ConnectionStringPassword = "CONNECTION_STRING_PASSWORD";

    /// <summary>PII that enables fraud or identity theft on its own, unlike contact data.</summary>
    public static readonly IReadOnlySet<string> HighRiskPii = new HashSet<string> { CreditCard, UsSsn, Iban };

    public static readonly IReadOnlySet<string> Secrets = new HashSet<string>
    {
        AwsAccessKeyId, AwsSecretAccessKey, AzureStorageAccountKey, PrivateKey, Jwt, GitHubToken, SlackToken, SlackWebhookUrl, StripeSecretKey,
        GoogleApiKey, NpmToken, AzureSasToken, AzureSharedAccessKey, UrlCredentials, ConnectionStringPassword,
    };
}
