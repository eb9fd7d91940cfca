using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

/// <summary>The account settings CIS and Microsoft's guidance ask of storage accounts beyond exposure: keys, SAS, encryption, network, replication.</summary>
public class AzureAccountHardeningCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly CheckContext At = new(new RetentionJudge(new RetentionSettings()), new FixedTime(Now));

    private static AzureStorageAccount WithKeys(AzureAccountSettings settings) => Subjects.Account(settings with { AllowSharedKeyAccess = true });

    [Fact]
    public void Keys_older_than_ninety_days_fail_naming_the_key()
    {
        var outcome = new AccountKeyAgeCheck().Evaluate(WithKeys(Subjects.SafeAccountSettings with
        {
            KeyCreationTimes = new Dictionary<string, DateTimeOffset> { ["key1"] = Now.AddDays(-10), ["key2"] = Now.AddDays(-400) },
        }), At)!;
        Assert.Equal(FindingStatus.Fail, outcome.Status);
        Assert.Equal("Not regenerated for over 90 days: key2 (400 days).", outcome.Detail);
        Assert.Equal("key1=10, key2=400", outcome.Evidence!["keyAgeDays"]);
    }

    [Fact]
    public void Keys_without_a_recorded_creation_time_fail_and_disabled_keys_pass()
    {
        Assert.Equal(FindingStatus.Fail, new AccountKeyAgeCheck().Evaluate(WithKeys(Subjects.SafeAccountSettings), At)!.Status);
        Assert.Equal(FindingStatus.Pass, new AccountKeyAgeCheck().Evaluate(Subjects.Account(), At)!.Status);
    }

    [Theory]
    [InlineData(null, null, FindingStatus.Fail)]
    [InlineData("30.00:00:00", "Block", FindingStatus.Fail)]
    [InlineData("0.01:00:00", "Log", FindingStatus.Fail)]
    [InlineData("0.01:00:00", "Block", FindingStatus.Pass)]
    public void Sas_expiration_policy(string? period, string? action, FindingStatus expected) =>
        Assert.Equal(expected, new SasExpirationPolicyCheck().Evaluate(WithKeys(Subjects.SafeAccountSettings with
        {
            SasExpirationPeriod = period is null ? null : TimeSpan.Parse(period, System.Globalization.CultureInfo.InvariantCulture),
            SasExpirationAction = action,
        }))!.Status);

    [Theory]
    [InlineData(null, FindingStatus.Fail)]
    [InlineData("Microsoft.Storage", FindingStatus.Fail)]
    [InlineData("Microsoft.Keyvault", FindingStatus.Pass)]
    public void Customer_managed_keys(string? source, FindingStatus expected) =>
        Assert.Equal(expected, new CustomerManagedKeysCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with
        {
            EncryptionKeySource = source,
        }))!.Status);

    [Theory]
    [InlineData("Disabled", 0, FindingStatus.Pass)]
    [InlineData("Enabled", 0, FindingStatus.Fail)]
    [InlineData("Enabled", 1, FindingStatus.Fail)]
    public void Private_endpoint(string publicNetwork, int approved, FindingStatus expected) =>
        Assert.Equal(expected, new PrivateEndpointCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with
        {
            PublicNetworkAccess = publicNetwork,
            ApprovedPrivateEndpoints = approved,
        }))!.Status);

    [Fact]
    public void Private_endpoints_not_reported_are_not_judged() =>
        Assert.Null(new PrivateEndpointCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with { ApprovedPrivateEndpoints = null })));

    [Theory]
    [InlineData(true, FindingStatus.Fail)]
    [InlineData(false, FindingStatus.Pass)]
    public void Cross_tenant_replication(bool allowed, FindingStatus expected) =>
        Assert.Equal(expected, new CrossTenantReplicationCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with
        {
            AllowCrossTenantReplication = allowed,
        }))!.Status);

    [Fact]
    public void Cross_tenant_replication_is_not_judged_when_arm_omits_it() =>
        Assert.Null(new CrossTenantReplicationCheck().Evaluate(Subjects.Account()));

    [Theory]
    [InlineData(false, FindingStatus.Fail)]
    [InlineData(true, FindingStatus.Pass)]
    public void Default_to_oauth(bool oauth, FindingStatus expected) =>
        Assert.Equal(expected, new DefaultOAuthCheck().Evaluate(WithKeys(Subjects.SafeAccountSettings with { DefaultToOAuthAuthentication = oauth }))!.Status);
}
