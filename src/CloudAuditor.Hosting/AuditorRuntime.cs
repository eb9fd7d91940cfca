using Azure.Data.Tables;
using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Exemptions;
using CloudAuditor.Core.Output;
using CloudAuditor.Core.Owners;
using CloudAuditor.Core.Pipeline;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Notifications;
using CloudAuditor.SensitiveData.Classification;
using CloudAuditor.SensitiveData.Sampling;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Hosting;

/// <summary>
/// The one place a sweep is assembled, for every host (CLI, Functions): providers, the sampler, the finding pipeline,
/// the state store and the owner notifications, built from the configuration. Hosts translate their commands or
/// invocations into a <see cref="SweepRequest"/> and report the <see cref="SweepResult"/>.
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
        Providers = [new AzureInventoryFactory(Identity, loggers) { SharedState = state }, new AwsInventoryFactory(sweep
            => new AwsClientFactory(sweep) { WebIdentityTokens = EntraTokenAsync }, loggers)];
    }

    private static readonly Lazy<Azure.Core.TokenCredential> SharedIdentity = new(() => new Azure.Identity.DefaultAzureCredential());

    /// <summary>
    /// The host's Entra ID identity (managed identity in Azure, developer sign-in locally): one per process, so every
    /// client shares its token cache. Storage, ARM, Graph, Table state, the Functions queues and keyless AWS all use it.
    /// </summary>
    public static Azure.Core.TokenCredential Identity => SharedIdentity.Value;

    /// <summary>Keyless AWS: the host's Entra ID identity (managed identity in Azure) issues the token STS exchanges.</summary>
    private static async ValueTask<string> EntraTokenAsync(string audience, CancellationToken cancellationToken) =>
        (await Identity.GetTokenAsync(new Azure.Core.TokenRequestContext([$"{audience.TrimEnd('/')}/.default"]), cancellationToken)).Token;

    public AuditorConfig Config { get; }
    public string ConfigPath { get; }
    public IStateStore State { get; }
    public ILoggerFactory Loggers { get; }
    public IReadOnlyList<ITargetInventoryFactory> Providers { get; }

    public static async Task<AuditorRuntime> OpenAsync(AuditorConfig config, string configPath, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        try
        {
            return new(config, configPath, await OpenStateAsync(config, configPath, cancellationToken), loggers);
        }
        catch (Exception e) when (e is not ConfigException && !cancellationToken.IsCancellationRequested)
        {
            var fault = ProviderFaults.Of(e, cancellationToken);
            throw new Core.Faults.FaultException(fault with { Reason = $"the state store could not be opened: {fault.Reason}" }, e);
        }
    }

    /// <summary>SQLite paths are relative to the configuration file, so scheduled runs find the same journal whatever their working folder.</summary>
    private static async Task<IStateStore> OpenStateAsync(AuditorConfig config, string configPath, CancellationToken cancellationToken)
    {
        var options = new AzureClientFactory(config.Sweep, Identity).WithSweepRetry(new TableClientOptions());
        if (config.State.TableConnectionString is { } tables)
            return await TableStateStore.OpenAsync(new TableServiceClient(tables, options), config.State.TablePrefix, cancellationToken);
        if (config.State.TableServiceUri is { } uri)
            return await TableStateStore.OpenAsync(new TableServiceClient(new Uri(uri), Identity, options), config.State.TablePrefix, cancellationToken);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        return new SqliteStateStore(Path.Combine(baseDirectory, config.State.SqlitePath));
    }

    private List<ITargetInventory> Targets(AuditorConfig config) => Providers.SelectMany(p => p.Create(config)).ToList();

    /// <summary>Runs one sweep over the request's scope, and always releases the targets' clients, whatever happens.</summary>
    public async Task<SweepResult> SweepAsync(SweepRequest request, CancellationToken cancellationToken)
    {
        // Flows to every request this sweep makes (and only to them), for the summary's request and throttling counts.
        Core.Http.RequestTally.Current = new Core.Http.RequestTally();
        // Other processes sending to the same storage accounts and subscriptions (Functions instances on other shards) take their
        // share of each rate; told through the state they share. Disposed last, so no renewal outlives the store.
        await using var shares = new Core.Http.EndpointShares(State, Core.Http.EndpointShares.ProcessMember, TimeProvider.System,
            Loggers.CreateLogger<Core.Http.EndpointShares>());
        Core.Http.EndpointShares.Current = shares;
        var config = request.Scope ?? Config;
        var targets = Targets(config);
        var enforcing = !request.ReadOnly && config.Remediation.Mode == RemediationMode.Enforce;
        try
        {
            var context = CheckContext.From(config);
            if (request.ReadOnly)
            {
                var reader = new SweepEngine(CheckCatalog.Default, context, Loggers.CreateLogger<SweepEngine>(), new SweepEngineOptions
                {
                    Subjects = request.Subjects,
                    Progress = request.Progress,
                    Sampler = request.SampleContent ? Sampler(config.Sampling, history: null) : null,
                    Classifier = request.SampleContent ? new ContentClassifier() : null,
                });
                return new SweepResult(await reader.RunAsync(targets, request.Output, config.Sweep.Concurrency, cancellationToken), []);
            }
            var notifications = Notifications(request.SweepId);
            // The state store first: whatever a reader of the output sees is already remembered, even if the process dies next.
            var recording = new StateRecordingSink(State, DateTimeOffset.UtcNow, ProviderFaults.Instance, request.EventTime);
            var sink = new FanOutFindingSink(recording, request.Output, notifications);
            var shards = ShardPlan.Expand(targets, await ShardCountsAsync(request, targets, config, cancellationToken))
                .Where(t => request.Shard is null || t.Name == request.Shard).ToList();
            var plan = await PlanAsync(request.SweepId, shards, config.Sweep, cancellationToken);
            var alreadyDone = plan.Shards.Where(s => s.Done).Select(s => s.ShardId).ToHashSet(StringComparer.Ordinal);
            var pending = plan.ClosedAt is null ? shards.Where(t => !alreadyDone.Contains(t.Name)).ToList() : [];
            var sampler = Sampler(config.Sampling, State);
            var engine = new SweepEngine(CheckCatalog.Default, context, Loggers.CreateLogger<SweepEngine>(), new SweepEngineOptions
            {
                Sampler = ForObject(sampler, request.ObjectKey),
                // A container is classified from a sample of its objects, not from the one object an event names.
                Classifier = request.ObjectKey is null ? new ContentClassifier() : null,
                Pipeline = Pipeline(request.SweepId),
                Subjects = request.Subjects,
                Progress = request.Progress,
                TargetEnded = (outcome, token) => RecordShardAsync(request.SweepId, outcome, token),
            });
            var audited = enforcing ? pending.Select(Leased).ToList() : pending;
            var summary = await engine.RunAsync(audited, sink, config.Sweep.Concurrency, cancellationToken);
            var ledger = await State.GetSweepAsync(request.SweepId, cancellationToken);
            var close = plan.ClosedAt is null && (request.Closing == SweepClosing.AtEnd || ledger!.AllDone);
            var closed = close && await State.TryCloseSweepAsync(request.SweepId, DateTimeOffset.UtcNow, cancellationToken);
            var notified = closed ? await notifications.SendDigestsAsync(cancellationToken) : [];
            return new SweepResult(summary, notified)
            {
                Ledger = closed ? await State.GetSweepAsync(request.SweepId, cancellationToken) : ledger,
                AlreadyDone = [.. shards.Select(t => t.Name).Where(alreadyDone.Contains).Order(StringComparer.Ordinal)],
                Closed = closed,
                Sampling = sampler?.Tally,
            };
        }
        finally
        {
            foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        }
    }

    /// <summary>How many parts each target of a new sweep is split into, counted now with the targets' own clients (the Functions timer's plan).</summary>
    public async Task<ShardCounts> PlanShardsAsync(AuditorConfig config, CancellationToken cancellationToken)
    {
        var targets = Targets(config);
        try
        {
            return await ShardCounts.PlanAsync(targets, config, Loggers.CreateLogger<ShardCounts>(), cancellationToken);
        }
        finally
        {
            foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        }
    }

    /// <summary>One shard's own id (a queue message), the plan a resumed sweep keeps in its ledger, or a count made now for a new sweep.</summary>
    private async Task<ShardCounts> ShardCountsAsync(SweepRequest request, IReadOnlyList<ITargetInventory> targets, AuditorConfig config,
        CancellationToken cancellationToken)
    {
        if (request.Shard is { } shard) return ShardCounts.FromIds([shard]);
        if (await State.GetSweepAsync(request.SweepId, cancellationToken) is { } planned) return ShardCounts.FromIds(planned.Shards.Select(s => s.ShardId));
        return await ShardCounts.PlanAsync(targets, config, Loggers.CreateLogger<ShardCounts>(), cancellationToken);
    }

    /// <summary>
    /// Shards as <see cref="ShardPlan"/> splits the targets; planning a sweep again (a resumed run, another shard's process)
    /// keeps the first plan.
    /// </summary>
    private async Task<SweepRecord> PlanAsync(string sweepId, IReadOnlyList<ITargetInventory> shards, SweepSettings sweep,
        CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        await State.PlanSweepAsync(sweepId, [.. shards.Select(t => t.Name)], now, now.AddMinutes(sweep.DeadlineMinutes), cancellationToken);
        return await State.GetSweepAsync(sweepId, cancellationToken)
            ?? throw new InvalidOperationException($"The state store lost the plan of {sweepId} it had just recorded.");
    }

    /// <summary>
    /// A shard is done when its target was audited, or its gaps are ones another try would not close; a shard with a
    /// transient gap stays pending for the retry (Functions) or the resumed run (CLI) to finish.
    /// </summary>
    private async ValueTask RecordShardAsync(string sweepId, TargetOutcome outcome, CancellationToken cancellationToken)
    {
        if (outcome.Transient) return;
        var gaps = outcome.Complete ? null : string.Join("; ", outcome.GapReasons);
        var result = new ShardResult(outcome.Target, outcome.Subjects, outcome.Findings, outcome.Failing, outcome.Complete, gaps);
        await State.CompleteShardAsync(sweepId, result, DateTimeOffset.UtcNow, cancellationToken);
    }

    /// <summary>
    /// Closes every open sweep past its deadline (the timer's fan-in for shards that never finished): each owner gets the
    /// digest of what the finished shards found.
    /// </summary>
    /// <returns>Each sweep closed, with the shards it was missing and the digests sent.</returns>
    public async Task<IReadOnlyList<(SweepRecord Sweep, IReadOnlyList<OwnerDigest> Notified)>> CloseOverdueSweepsAsync(DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var closed = new List<(SweepRecord, IReadOnlyList<OwnerDigest>)>();
        foreach (var sweepId in await State.ListOpenSweepsAsync(cancellationToken))
        {
            if (await State.GetSweepAsync(sweepId, cancellationToken) is not { } sweep || sweep.Deadline > now) continue;
            if (!await State.TryCloseSweepAsync(sweepId, now, cancellationToken)) continue;
            closed.Add((sweep, await Notifications(sweepId).SendDigestsAsync(cancellationToken)));
        }
        return closed;
    }

    /// <summary>Restores the prior state journalled for one remediation, with the remediator of the target that made it.</summary>
    public async Task<RollbackResult> RollbackAsync(string remediationId, CancellationToken cancellationToken)
    {
        var record = await State.GetRemediationAsync(remediationId, cancellationToken);
        if (record is null) return new(RollbackOutcome.UnknownId, null, $"No remediation with id '{remediationId}' is in the journal.");
        if (record.Status == RemediationStatus.RolledBack) return new(RollbackOutcome.AlreadyRolledBack, record,
            $"{remediationId} was already rolled back; nothing changed.");
        var targets = Targets(Config);
        try
        {
            var target = targets.FirstOrDefault(t => t.Name == record.Target);
            if (target is null) return new(RollbackOutcome.UnknownTarget, record, $"Target '{record.Target}' of {remediationId} is not in {ConfigPath}.");
            var remediator = target.Remediators.FirstOrDefault(r => r.CheckId == record.CheckId);
            if (remediator is null) return new(RollbackOutcome.NotUndoable, record, $"Target '{record.Target}' cannot undo {record.CheckId} changes with " +
                $"this configuration.");
            await remediator.RollbackAsync(record, cancellationToken);
        }
        catch (RemediationException e)
        {
            return new(RollbackOutcome.Failed, record, $"rollback of {remediationId} failed: {e.Message}.");
        }
        finally
        {
            foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        }
        var now = DateTimeOffset.UtcNow;
        await State.UpdateRemediationAsync(remediationId, RemediationStatus.RolledBack, $"rolled back at {now:O}", now, cancellationToken);
        return new(RollbackOutcome.RolledBack, record, $"Rolled back {remediationId} on {record.ResourceId}: undid \"{record.Action}\".");
    }

    /// <param name="history">Null for read-only sweeps: they sample afresh and leave the sampling history as it was.</param>
    private ContainerSampler? Sampler(SamplingSettings sampling, ISamplingHistory? history) =>
        sampling.Enabled ? ContainerSampler.Create(sampling, Loggers.CreateLogger<ContainerSampler>(), history) : null;

    private static IContainerSampler? ForObject(ContainerSampler? sampler, string? objectKey) =>
        sampler is null || objectKey is null ? sampler : new SingleObjectSampler(sampler, objectKey);

    /// <summary>The finding pipeline in the order the architecture draws: exemption, owner, remediation (state and notices are sinks).</summary>
    private FindingPipeline Pipeline(string sweepId) => new(
    [
        new ExemptionStage(new ExemptionPolicy(Config.Remediation.Exemptions, TimeProvider.System)),
        new OwnerStage(new OwnerResolver(Config.Owners)),
        new RemediationCoordinator(Config.Remediation, State, sweepId, TimeProvider.System, Loggers.CreateLogger<RemediationCoordinator>()),
    ]);

    /// <summary>An enforce sweep of a target holds the target's lease: one enforcer at a time.</summary>
    private ITargetInventory Leased(ITargetInventory target) =>
        new EnforcementLease(target, State, TimeSpan.FromSeconds(Config.Remediation.LeaseWaitSeconds), TimeProvider.System,
            Loggers.CreateLogger<EnforcementLease>());

    private NotificationSink Notifications(string sweepId)
    {
        var settings = Config.Notifications;
        var channels = new List<INotificationChannel>();
        if (settings.Email is { } email) channels.Add(new EmailChannel(email));
        channels.AddRange(settings.Webhooks.Select(hook => new WebhookChannel(hook, _http)));
        if (settings.EventGrid is { } grid) channels.Add(new EventGridChannel(grid));
        return new NotificationSink(channels, State, sweepId, TimeSpan.FromHours(settings.WindowHours), settings.ConfigPathHint ?? ConfigPath,
            TimeProvider.System,
            Loggers.CreateLogger<NotificationSink>());
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (State is IAsyncDisposable asyncDisposable) await asyncDisposable.DisposeAsync();
        else (State as IDisposable)?.Dispose();
    }
}
