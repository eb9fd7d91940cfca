using Azure.Storage.Blobs;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AzureProvider;

/// <summary>Every storage account in the configured subscriptions; one unreachable account does not stop the rest.</summary>
internal sealed class AzureSubscriptionTarget(AzureTarget target, AzureClientFactory settings, ILogger logger) : ITargetInventory
{
    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Azure;
    public IFaultClassifier Faults => AzureFaults.Instance;

    /// <summary>Built once per target (ARM clients and pipelines included), and only if enforce mode asks at all.</summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators,
        () => AzureRemediation.For(target, settings, url => new BlobContainerClient(url, settings.Credential, settings.BlobOptions())));

    private IReadOnlyList<IRemediator>? _remediators;

    private ArmAccountReader Reader(Azure.ResourceManager.ArmClient armClient) =>
        new(armClient, settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint, new GraphDirectory(settings.CreateGraphPipeline()));

    /// <summary>The storage accounts of the subscriptions (one ARM listing each): what the shards split.</summary>
    public async Task<int?> CountShardUnitsAsync(CancellationToken cancellationToken)
    {
        var reader = Reader(settings.CreateArmClient(target.ArmEndpoint));
        var count = 0;
        foreach (var subscription in target.Subscriptions)
            await foreach (var _ in reader.ListStorageAccountIdsAsync(subscription, cancellationToken)) count++;
        return count;
    }

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var armClient = settings.CreateArmClient(target.ArmEndpoint);
        var reader = Reader(armClient);
        var auditor = new AzureAccountAuditor(settings, target.Containers, logger, new ArmRetentionReader(armClient));
        foreach (var subscription in target.Subscriptions)
        {
            var scope = new ListingScope(new ResourceRef($"/subscriptions/{subscription}", "subscription", subscription), CoverageKinds.StorageAccount,
                Sharded: true);
            // One account at a time: each already audits its containers in parallel, within the same request budget.
            await ResourceFanOut.RunAsync(reader.ListStorageAccountIdsAsync(subscription, cancellationToken), scope, AccountResource,
                async (accountId, token) =>
                {
                    var account = await reader.ReadAsync(accountId, token);
                    if (account.BlobEndpoint is null) return;
                    var service = new BlobServiceClient(new Uri(account.BlobEndpoint), settings.Credential, settings.BlobOptions());
                    // Each account is in one shard only: its feed is read for its one audit.
                    await auditor.AuditAsync(service, account, sink, containersSharded: false, new BlobChangeFeed(service, logger), token);
                },
                sink, AzureFaults.Instance, concurrency: 1, cancellationToken);
        }
    }

    private static ResourceRef AccountResource(string accountId)
    {
        var name = accountId[(accountId.LastIndexOf('/') + 1)..];
        return new ResourceRef(accountId, "storage-account", name) { Account = name };
    }
}
