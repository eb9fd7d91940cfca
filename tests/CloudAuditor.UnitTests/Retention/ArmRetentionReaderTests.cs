using System.Net;
using Azure.Core.Pipeline;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Retention;

public class ArmRetentionReaderTests
{
    private const string Account = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg-finance/providers/Microsoft.Storage/storageAccounts/financedata";

    [Fact]
    public async Task Account_and_container_retention_come_from_arm()
    {
        var arm = new RecordedHttpHandler()
            .On(r => r.RequestUri!.AbsolutePath.Equals($"{Account}/blobServices/default", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK,
                "arm/blob-service-default.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.Equals($"{Account}/managementPolicies/default", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK,
                "arm/management-policy-default.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.EndsWith("/containers/ledger", StringComparison.OrdinalIgnoreCase), HttpStatusCode.OK,
                "arm/container-ledger-locked.json", "application/json")
            .On(r => r.RequestUri!.AbsolutePath.EndsWith("/containers/applogs", StringComparison.OrdinalIgnoreCase), HttpStatusCode.Forbidden,
                "arm/error-authorization-failed.json", "application/json");
        var settings = new AzureClientFactory(new SweepSettings { MaxRetries = 0 },
            new StaticTokenCredential()) { ArmTransport = new HttpClientTransport(new HttpClient(arm)) };
        var reader = new ArmRetentionReader(settings.CreateArmClient("https://management.azure.com"));

        var account = await reader.ReadAccountAsync(Account, CancellationToken.None);
        Assert.Equal(new SoftDeleteSettings(14, 7), account.SoftDelete.Value);
        Assert.True(account.Versioning.Value!.Enabled);
        var ledger = await reader.ReadContainerAsync(Account, "ledger", account, CancellationToken.None);
        Assert.Equal(new ImmutabilitySettings(2555, Locked: true, LegalHold: false), ledger.Immutability.Value);
        Assert.Null(ledger.Lifecycle.Value!.EveryKeyExpirationDays);
        var logs = await reader.ReadContainerAsync(Account, "applogs", account, CancellationToken.None);
        Assert.Equal(90, logs.Lifecycle.Value!.EveryKeyExpirationDays);
        Assert.Equal(ObservationState.Failed, logs.Immutability.State);
        Assert.Equal("container immutability: 403 AuthorizationFailed", logs.Immutability.Unreadable);
        Assert.Empty(arm.Unmatched);
        Assert.All(arm.Requests, r => Assert.Contains($"api-version={AzureClientFactory.StorageAccountApiVersion}", r));
    }
}
