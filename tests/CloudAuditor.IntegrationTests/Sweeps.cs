using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.SensitiveData.Sampling;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>Runs the real engine with the real providers, as the CLI does, and collects what it emits.</summary>
public static class Sweeps
{
    public static async Task<(List<Finding> Findings, SweepSummary Summary)> RunAsync(AuditorConfig config)
    {
        // As the runtime does: the sweep's requests are counted into its own tally.
        Core.Http.RequestTally.Current = new Core.Http.RequestTally();
        ITargetInventoryFactory[] providers = [new AzureInventoryFactory(new StaticTokenCredential(), NullLoggerFactory.Instance),
            new AwsInventoryFactory(NullLoggerFactory.Instance)];
        var targets = providers.SelectMany(p => p.Create(config)).ToList();
        var sink = new CollectingFindingSink();
        var sampler = config.Sampling.Enabled ? ContainerSampler.Create(config.Sampling, NullLogger.Instance) : null;
        var summary = await new SweepEngine(CheckCatalog.Default, CheckContext.From(config), NullLogger<SweepEngine>.Instance,
            new SweepEngineOptions { Sampler = sampler }).RunAsync(targets, sink, config.Sweep.Concurrency, CancellationToken.None);
        foreach (var target in targets.OfType<IDisposable>()) target.Dispose();
        return ([.. sink.Findings], summary);
    }

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
}
