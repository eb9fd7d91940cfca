using Azure.Core;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
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
