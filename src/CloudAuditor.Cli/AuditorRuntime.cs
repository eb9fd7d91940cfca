using Azure.Data.Tables;
using CloudAuditor.Azure;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Owners;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Notifications;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Cli;

/// <summary>Builds what a sweep or a rollback needs from the configuration: the state store, remediation, notification channels.</summary>
internal static class AuditorRuntime
{
    /// <summary>SQLite paths are relative to the configuration file, so scheduled runs find the same journal whatever their working folder.</summary>
    public static async Task<IStateStore> OpenStateAsync(AuditorConfig config, string configPath, CancellationToken cancellationToken)
    {
        if (config.State.TableConnectionString is { } tables)
            return await TableStateStore.OpenAsync(new TableServiceClient(tables), config.State.TablePrefix, cancellationToken);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        return new SqliteStateStore(Path.Combine(baseDirectory, config.State.SqlitePath));
    }

    public static RemediationCoordinator Coordinator(AuditorConfig config, IStateStore state, ILoggerFactory loggers) => new(
        config.Remediation, new ExemptionPolicy(config.Remediation.Exemptions, TimeProvider.System), new OwnerResolver(config.Owners),
        state, TimeProvider.System, loggers.CreateLogger<RemediationCoordinator>());

    public static NotificationSink Notifications(AuditorConfig config, IStateStore state, string configPath, HttpClient http, ILoggerFactory loggers)
    {
        var settings = config.Notifications;
        var channels = new List<INotificationChannel>();
        if (settings.Email is { } email) channels.Add(new EmailChannel(email));
        channels.AddRange(settings.Webhooks.Select(hook => new WebhookChannel(hook, http)));
        if (settings.EventGrid is { } grid) channels.Add(new EventGridChannel(grid));
        return new NotificationSink(channels, state, TimeSpan.FromHours(settings.WindowHours), configPath, TimeProvider.System, loggers.CreateLogger<NotificationSink>());
    }

    public static void RegisterCheckIds() => ConfigLoader.KnownCheckIds = CheckCatalog.Default.All.Select(c => c.Definition.Id).ToHashSet();
}
