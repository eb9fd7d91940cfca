using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.AwsProvider;

public sealed class AwsInventoryFactory(Func<SweepSettings, AwsClientFactory> clientSettings, ILoggerFactory loggers) : ITargetInventoryFactory
{
    public AwsInventoryFactory(ILoggerFactory loggers) : this(sweep => new AwsClientFactory(sweep), loggers) { }

    public IEnumerable<ITargetInventory> Create(AuditorConfig config)
    {
        var settings = clientSettings(config.Sweep);
        var logger = loggers.CreateLogger("CloudAuditor.AwsProvider");
        return config.Aws.Select(target => new AwsAccountTarget(target, settings, logger));
    }
}
