using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Checks;

public class AzureAccountCheckTests
{
    [Theory]
    [InlineData(true, FindingStatus.Fail)]
    [InlineData(false, FindingStatus.Pass)]
    public void Allow_blob_public_access(bool allowed, FindingStatus expected)
    {
        var account = Subjects.Account(Subjects.SafeAccountSettings with { AllowBlobPublicAccess = allowed });
        Assert.Equal(expected, new AccountAllowsBlobPublicAccessCheck().Evaluate(account)!.Status);
    }

    [Fact]
    public void Account_checks_are_silent_when_ARM_was_not_read()
    {
        var account = new AzureStorageAccount(new ResourceRef("http://127.0.0.1/devstoreaccount1", "storage-account", "devstoreaccount1"),
            Observed<AzureAccountSettings>.NotRead("account settings are read through ARM"), Observed<StaticWebsite>.Failed(Subjects.Refused("Get Blob " +
                "Service Properties: 403")));
        foreach (var check in CheckCatalog.Default.All) Assert.Null(check.Evaluate(account));
    }

    [Theory]
    [InlineData(true, FindingStatus.Fail)]
    [InlineData(false, FindingStatus.Pass)]
    public void Static_website(bool enabled, FindingStatus expected) =>
        Assert.Equal(expected, new StaticWebsiteCheck().Evaluate(Subjects.Account(staticWebsite: enabled))!.Status);

    [Theory]
    [InlineData(true, "TLS1_2", FindingStatus.Pass)]
    [InlineData(false, "TLS1_2", FindingStatus.Fail)]
    [InlineData(true, "TLS1_0", FindingStatus.Fail)]
    [InlineData(true, null, FindingStatus.Fail)]
    public void Secure_transport(bool httpsOnly, string? tls, FindingStatus expected) =>
        Assert.Equal(expected, new SecureTransportCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with { HttpsTrafficOnly = httpsOnly,
            MinimumTlsVersion = tls }))!.Status);

    [Theory]
    [InlineData("Allow", "Enabled", FindingStatus.Fail)]
    [InlineData("Deny", "Enabled", FindingStatus.Pass)]
    [InlineData("Allow", "Disabled", FindingStatus.Pass)]
    public void Network_default_action(string action, string publicNetwork, FindingStatus expected) =>
        Assert.Equal(expected, new NetworkDefaultAllowCheck().Evaluate(Subjects.Account(Subjects.SafeAccountSettings with { NetworkDefaultAction = action,
            PublicNetworkAccess = publicNetwork }))!.Status);

    [Theory]
    [InlineData(true, FindingStatus.Fail)]
    [InlineData(false, FindingStatus.Pass)]
    public void Shared_key_access(bool allowed, FindingStatus expected)
    {
        var account = Subjects.Account(Subjects.SafeAccountSettings with { AllowSharedKeyAccess = allowed });
        Assert.Equal(expected, new SharedKeyAccessCheck().Evaluate(account)!.Status);
    }
}
