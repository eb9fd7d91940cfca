using Azure.Core;
using Azure.Storage.Blobs;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AzureProvider;

public sealed class AzureInventoryFactory(Func<SweepSettings, AzureClientFactory> clientSettings, ILoggerFactory loggers) : ITargetInventoryFactory
{
    public AzureInventoryFactory(TokenCredential credential, ILoggerFactory loggers) : this(sweep => new AzureClientFactory(sweep, credential), loggers) { }

    public IEnumerable<ITargetInventory> Create(AuditorConfig config)
    {
        var settings = clientSettings(config.Sweep);
        var logger = loggers.CreateLogger("CloudAuditor.AzureProvider");
        return config.Azure.Select(target => target.Subscriptions.Count > 0
            ? (ITargetInventory)new AzureSubscriptionTarget(target, settings, logger)
            : new AzureAccountTarget(target, settings, logger));
    }
}

/// <summary>One storage account, reached by connection string or by URL with Entra ID.</summary>
internal sealed class AzureAccountTarget(AzureTarget target, AzureClientFactory settings, ILogger logger) : ITargetInventory
{
    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Azure;

    /// <summary>Built once per target (ARM clients and pipelines included), and only if enforce mode asks at all.</summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators, () => AzureRemediation.For(target, settings, OpenContainer));

    private IReadOnlyList<IRemediator>? _remediators;

    private BlobContainerClient OpenContainer(Uri url) => target.ConnectionString is not null
        ? new BlobContainerClient(target.ConnectionString, url.Segments[^1].TrimEnd('/'), settings.BlobOptions())
        : new BlobContainerClient(url, settings.Credential, settings.BlobOptions());

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var service = target.ConnectionString is not null
            ? new BlobServiceClient(target.ConnectionString, settings.BlobOptions())
            : new BlobServiceClient(new Uri(target.AccountUrl!), settings.Credential, settings.BlobOptions());
        var armClient = target.ResourceId is null ? null : settings.CreateArmClient(target.ArmEndpoint);
        var arm = armClient is null ? null
            : await new ArmAccountReader(armClient, settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint, new GraphDirectory(settings.CreateGraphPipeline()))
                .ReadAsync(target.ResourceId!, cancellationToken);
        var retention = armClient is null ? null : new ArmRetentionReader(armClient);
        await new AzureAccountAuditor(settings, target.Containers, logger, retention).AuditAsync(service, arm, sink, cancellationToken);
    }
}

/// <summary>Every storage account in the configured subscriptions; one unreachable account does not stop the rest.</summary>
internal sealed class AzureSubscriptionTarget(AzureTarget target, AzureClientFactory settings, ILogger logger) : ITargetInventory
{
    public string Name => target.Name;
    public CloudKind Cloud => CloudKind.Azure;

    /// <summary>Built once per target (ARM clients and pipelines included), and only if enforce mode asks at all.</summary>
    public IReadOnlyList<IRemediator> Remediators => LazyInitializer.EnsureInitialized(ref _remediators,
        () => AzureRemediation.For(target, settings, url => new BlobContainerClient(url, settings.Credential, settings.BlobOptions())));

    private IReadOnlyList<IRemediator>? _remediators;

    public async Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken)
    {
        var armClient = settings.CreateArmClient(target.ArmEndpoint);
        var reader = new ArmAccountReader(armClient, settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint, new GraphDirectory(settings.CreateGraphPipeline()));
        var auditor = new AzureAccountAuditor(settings, target.Containers, logger, new ArmRetentionReader(armClient));
        foreach (var subscription in target.Subscriptions)
        {
            await foreach (var accountId in reader.ListStorageAccountIdsAsync(subscription, cancellationToken))
            {
                try
                {
                    var account = await reader.ReadAsync(accountId, cancellationToken);
                    if (account.BlobEndpoint is null) continue;
                    var service = new BlobServiceClient(new Uri(account.BlobEndpoint), settings.Credential, settings.BlobOptions());
                    await auditor.AuditAsync(service, account, sink, cancellationToken);
                }
                catch (TargetUnreachableException e)
                {
                    var name = accountId[(accountId.LastIndexOf('/') + 1)..];
                    await sink.ErrorAsync(FindingFactory.Error(CloudKind.Azure,
                        new ResourceRef(accountId, "storage-account", name) { Account = name }, AuditGapChecks.AzureAccountUnreachable, e.Message), cancellationToken);
                }
            }
        }
    }
}

internal static class AzureRemediation
{
    /// <summary>Container access always; the account switch only where ARM is configured (it is an ARM property).</summary>
    public static IReadOnlyList<IRemediator> For(AzureTarget target, AzureClientFactory settings, Func<Uri, BlobContainerClient> open)
    {
        var container = new ContainerAccessRemediator(open, new AnonymousBlobProbe(settings));
        if (target.ResourceId is null && target.Subscriptions.Count == 0) return [container];
        var account = new AccountPublicAccessRemediator(new ArmAccountReader(settings.CreateArmClient(target.ArmEndpoint)), settings.CreateArmPipeline(target.ArmEndpoint), target.ArmEndpoint);
        return [container, account];
    }
}
