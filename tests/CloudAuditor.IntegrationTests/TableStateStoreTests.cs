using Azure.Data.Tables;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.State;

namespace CloudAuditor.IntegrationTests;

/// <summary>The state-store contract against Azure Table storage on Azurite.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class TableStateStoreTests(Emulators emulators) : StateStoreContract
{
    protected override async Task<IStateStore> OpenAsync() =>
        await TableStateStore.OpenAsync(new TableServiceClient(emulators.AzuriteConnectionString), "ca" + Guid.NewGuid().ToString("N")[..12], CancellationToken.None);
}
