using Azure.Data.Tables;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.State;

namespace CloudAuditor.IntegrationTests;

/// <summary>The state-store contract against Azure Table storage on Azurite.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class TableStateStoreTests(Emulators emulators) : StateStoreContract
{
    private string _prefix = "";

    protected override async Task<IStateStore> OpenAsync()
    {
        _prefix = "ca" + Guid.NewGuid().ToString("N")[..12];
        return await OpenAgainAsync();
    }

    protected override async Task<int> StoredSharesAsync()
    {
        var coordination = new TableServiceClient(emulators.AzuriteConnectionString).GetTableClient($"{_prefix}coordination");
        var rows = 0;
        // Partitions "share-…": '.' is the character after '-'.
        await foreach (var _ in coordination.QueryAsync<TableEntity>("PartitionKey ge 'share-' and PartitionKey lt 'share.'", select: ["RowKey"])) rows++;
        return rows;
    }

    protected override async Task<IStateStore> OpenAgainAsync() =>
        await TableStateStore.OpenAsync(new TableServiceClient(emulators.AzuriteConnectionString), _prefix, CancellationToken.None);
}
