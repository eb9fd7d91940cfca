using Azure.Core;
using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AzureProvider;

public sealed class AzureInventoryFactory(Func<SweepSettings, AzureClientFactory> clientSettings, ILoggerFactory loggers) : ITargetInventoryFactory
{
    public AzureInventoryFactory(TokenCredential credential, ILoggerFactory loggers) : this(sweep => new AzureClientFactory(sweep, credential), loggers) { }

    /// <summary>
    /// The state the sweep's processes share: a storage account's change feed is then read by one of them and published there for
    /// the others (its other shards: each Functions invocation opens a runtime of its own); null reads it in every runtime that needs it.
    /// </summary>
    public IStateStore? SharedState { get; init; }

    /// <exception cref="ConfigException">A connection string that is not one (found at start, not mid-sweep).</exception>
    public IEnumerable<ITargetInventory> Create(AuditorConfig config)
    {
        var settings = clientSettings(config.Sweep);
        var logger = loggers.CreateLogger("CloudAuditor.AzureProvider");
        var sharing = SharedState is null ? null : new ChangeLogSharing(SharedState, TimeProvider.System, logger);
        foreach (var target in config.Azure.Where(t => t.ConnectionString is not null)) CheckConnectionString(target);
        return config.Azure.Select(target => target.Subscriptions.Count > 0
            ? (ITargetInventory)new AzureSubscriptionTarget(target, settings, logger)
            : new AzureAccountTarget(target, settings, logger, sharing)).ToList();
    }

    /// <summary>The SDK's own parser decides; its message is not repeated, since it could quote the string and its key.</summary>
    private static void CheckConnectionString(AzureTarget target)
    {
        try
        {
            _ = new BlobServiceClient(target.ConnectionString);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ConfigException($"The connectionString of Azure target '{target.Name}' is not a storage connection string: expected " +
                "AccountName=…;AccountKey=… (with BlobEndpoint=… for an emulator) or BlobEndpoint=…;SharedAccessSignature=….", e);
        }
    }
}
