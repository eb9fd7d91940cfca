using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AzureProvider;

/// <summary>One storage account, reached by connection string or by URL with Entra ID.</summary>
/// <param name="sharing">Shares the change feed's reading with the processes working the account's other shards; null reads it here.</param>
internal sealed class AzureAccountTarget(AzureTarget target, AzureClientFactory settings, ILogger logger, ChangeLogSharing? sharing) : ITargetInventory
{
    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Azure;
    public IFaultClassifier Faults => AzureFaults.Instance;

    /// <summary>Built once per target (ARM clients and pipelines included), and only if enforce mode asks at all.</summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators,
        () => AzureRemediation.For(target, settings, OpenContainer));

    private IReadOnlyList<IRemediator>? _remediators;

    /// <summary>
    /// One per target: the shards of a sharded sweep that one runtime runs (the CLI's) read the account's feed once between them;
    /// with sharing, the others (each Functions invocation opens a runtime of its own) take the reading one of them published.
    /// </summary>
    private BlobChangeFeed? _changeFeed;

    private BlobContainerClient OpenContainer(Uri url) => target.ConnectionString is not null
        ? new BlobContainerClient(target.ConnectionString, url.Segments[^1].TrimEnd('/'), settings.BlobOptions())
        : new BlobContainerClient(url, settings.Credential, settings.BlobOptions());

    private BlobServiceClient Service() => target.ConnectionString is not null
        ? new BlobServiceClient(target.ConnectionString, settings.BlobOptions())
        : new BlobServiceClient(new Uri(target.AccountUrl!), settings.Credential, settings.BlobOptions());

    /// <summary>The account's containers (the configured ones, when it names them): what its shards split.</summary>
    public async Task<int?> CountShardUnitsAsync(CancellationToken cancellationToken)
    {
        if (target.Containers.Count > 0) return target.Containers.Count;
        var count = 0;
        await foreach (var page in Service().GetBlobContainersAsync(cancellationToken: cancellationToken).AsPages()) count += page.Values.Count;
        return count;
    }

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var service = Service();
        var armClient = target.ResourceId is null ? null : settings.CreateArmClient(target.ArmEndpoint);
        var arm = armClient is null ? null
            : await new ArmAccountReader(armClient, settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint,
                new GraphDirectory(settings.CreateGraphPipeline()))
                .ReadAsync(target.ResourceId!, cancellationToken);
        var retention = armClient is null ? null : new ArmRetentionReader(armClient);
        var sharedKey = target.ConnectionString?.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) == true;
        var changeFeed = LazyInitializer.EnsureInitialized(ref _changeFeed, () => new BlobChangeFeed(service, logger, sharing));
        await new AzureAccountAuditor(settings, target.Containers, logger, retention, sharedKey).AuditAsync(service, arm, sink, containersSharded: true,
            changeFeed, cancellationToken);
    }
}
