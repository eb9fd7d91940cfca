using Azure.Data.Tables;
using CloudAuditor.Aws;
using CloudAuditor.Azure;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Output;
using CloudAuditor.Core.Exemptions;
using CloudAuditor.Core.Owners;
using CloudAuditor.Core.Pipeline;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Notifications;
using CloudAuditor.SensitiveData.Sampling;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Hosting;

/// <summary>
/// Everything a sweep needs, built from the configuration once, for every host (CLI, Functions): providers, the
/// sampler, the remediation coordinator, the state store and the owner notifications.
/// </summary>
public sealed class AuditorRuntime : IAsyncDisposable
{
    private readonly HttpClient _http;

    private AuditorRuntime(AuditorConfig config, string configPath, IStateStore state, ILoggerFactory loggers)
    {
        Config = config;
        ConfigPath = configPath;
        State = state;
        Loggers = loggers;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(config.Sweep.RequestTimeoutSeconds) };
        Providers = [new AzureInventoryFactory(loggers), new AwsInventoryFactory(sweep => new AwsClientSettings(sweep) { WebIdentityTokens = EntraTokenAsync }, loggers)];
    }

    private static readonly Lazy<global::Azure.Core.TokenCredential> Identity = new(() => new global::Azure.Identity.DefaultAzureCredential());

    /// <summary>Keyless AWS: the host's Entra ID identity (managed identity in Azure) issues the token STS exchanges.</summary>
    private static async ValueTask<string> EntraTokenAsync(string audience, CancellationToken cancellationToken) =>
        (await Identity.Value.GetTokenAsync(new global::Azure.Core.TokenRequestContext([$"{audience.TrimEnd('/')}/.default"]), cancellationToken)).Token;

    public AuditorConfig Config { get; }
    public string ConfigPath { get; }
    public IStateStore State { get; }
    public ILoggerFactory Loggers { get; }
    public IReadOnlyList<ITargetInventoryFactory> Providers { get; }

    public static async Task<AuditorRuntime> OpenAsync(AuditorConfig config, string configPath, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        new(config, configPath, await OpenStateAsync(config, configPath, cancellationToken), loggers);

    /// <summary>SQLite paths are relative to the configuration file, so scheduled runs find the same journal whatever their working folder.</summary>
    private static async Task<IStateStore> OpenStateAsync(AuditorConfig config, string configPath, CancellationToken cancellationToken)
    {
        if (config.State.TableConnectionString is { } tables)
            return await TableStateStore.OpenAsync(new TableServiceClient(tables), config.State.TablePrefix, cancellationToken);
        if (config.State.TableServiceUri is { } uri)
            return await TableStateStore.OpenAsync(new TableServiceClient(new Uri(uri), Identity.Value), config.State.TablePrefix, cancellationToken);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        return new SqliteStateStore(Path.Combine(baseDirectory, config.State.SqlitePath));
    }

    public IReadOnlyList<ITargetInventory> Targets(AuditorConfig? config = null) => Providers.SelectMany(p => p.Create(config ?? Config)).ToList();

    public ContainerSampler? Sampler() => Config.Sampling.Enabled ? ContainerSampler.Create(Config.Sampling, Loggers.CreateLogger<ContainerSampler>()) : null;

    /// <summary>The finding pipeline in the order the architecture draws: exemption, owner, remediation (state and notices are sinks).</summary>
    public FindingPipeline Pipeline() => new(
    [
        new ExemptionStage(new ExemptionPolicy(Config.Remediation.Exemptions, TimeProvider.System)),
        new OwnerStage(new OwnerResolver(Config.Owners)),
        new RemediationCoordinator(Config.Remediation, State, TimeProvider.System, Loggers.CreateLogger<RemediationCoordinator>()),
    ]);

    public CheckContext CheckContext() => Core.Checks.CheckContext.From(Config);

    public SweepEngine Engine() => Engine(Sampler());

    /// <summary>An engine with another sampler (an event's single object), or none.</summary>
    public SweepEngine Engine(IContainerSampler? sampler) => new(CheckCatalog.Default, CheckContext(), Loggers.CreateLogger<SweepEngine>(), sampler, Pipeline());

    public NotificationSink Notifications()
    {
        var settings = Config.Notifications;
        var channels = new List<INotificationChannel>();
        if (settings.Email is { } email) channels.Add(new EmailChannel(email));
        channels.AddRange(settings.Webhooks.Select(hook => new WebhookChannel(hook, _http)));
        if (settings.EventGrid is { } grid) channels.Add(new EventGridChannel(grid));
        return new NotificationSink(channels, State, TimeSpan.FromHours(settings.WindowHours), settings.ConfigPathHint ?? ConfigPath, TimeProvider.System, Loggers.CreateLogger<NotificationSink>());
    }

    /// <summary>The sinks every sweep writes to after its output: the state store, then the owner notices (sent at completion).</summary>
    public (IFindingSink Sink, NotificationSink Notifications) Sinks(IFindingSink output)
    {
        var notifications = Notifications();
        return (new FanOutFindingSink(output, new StateRecordingSink(State, DateTimeOffset.UtcNow), notifications), notifications);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (State is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else (State as IDisposable)?.Dispose();
    }
}
