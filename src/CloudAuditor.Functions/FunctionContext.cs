using CloudAuditor.Core.Config;
using CloudAuditor.Core.Output;
using CloudAuditor.Hosting;

namespace CloudAuditor.Functions;

/// <summary>Per invocation: the configuration (read fresh, so a changed file applies to the next run) and the runtime built from it.</summary>
public sealed class FunctionContext(IConfiguration settings, ILoggerFactory loggers)
{
    public const string SweepQueue = "sweep-targets";

    public string ConfigPath => settings["CLOUDAUDITOR_CONFIG"] ?? throw new ConfigException("The app setting CLOUDAUDITOR_CONFIG (path of the YAML " +
        "configuration) is not set.");

    /// <summary>
    /// The fan-out queue, in the storage account the queue trigger's "connection" names: AuditorStorage as a connection
    /// string (Azurite), or AuditorStorage__queueServiceUri with the managed identity (Azure, as bicep/main.bicep deploys it).
    /// </summary>
    public Azure.Storage.Queues.QueueClient Queue(string name, SweepSettings sweep)
    {
        var options = new AzureProvider.AzureClientFactory(sweep, AuditorRuntime.Identity)
            .WithSweepRetry(new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });
        if (settings["AuditorStorage"] is { } connection) return new(connection, name, options);
        if (settings["AuditorStorage:queueServiceUri"] is { } uri)
            return new(new Uri($"{uri.TrimEnd('/')}/{name}"), AuditorRuntime.Identity, options);
        throw new ConfigException("Neither AuditorStorage (connection string) nor AuditorStorage__queueServiceUri (managed identity) is set.");
    }

    public ILoggerFactory Loggers => loggers;

    public Task<AuditorRuntime> OpenAsync(CancellationToken cancellationToken) =>
        AuditorRuntime.OpenAsync(ConfigLoader.LoadFile(ConfigPath), ConfigPath, loggers, cancellationToken);

    /// <summary>
    /// Sweeps some targets (narrowed to the resources an event names) through the full pipeline: checks, remediation,
    /// state, owner notices; when an event names one object, exactly that object is sampled.
    /// </summary>
    /// <param name="eventTime">When the event happened: kept with the findings it opens, for time-to-detect.</param>
    public static async Task<SweepReport> SweepAsync(AuditorRuntime runtime, AuditorConfig narrowed, string? objectKey, DateTimeOffset? eventTime,
        CancellationToken cancellationToken)
    {
        var result = await runtime.SweepAsync(new SweepRequest(NullFindingSink.Instance) { Scope = narrowed, ObjectKey = objectKey, EventTime = eventTime },
            cancellationToken);
        return new SweepReport(result.Summary, result.Notified.Count, result.Sampling);
    }
}
