using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Engine;

/// <summary>Runs targets in parallel, judges each subject with the check catalogue, passes each finding through the pipeline and streams it to the sink.</summary>
public sealed class SweepEngine(CheckCatalog catalog, CheckContext context, ILogger<SweepEngine> logger, SweepEngineOptions? options = null)
{
    private readonly CheckCatalog _catalog = catalog;
    private readonly CheckContext _context = context;
    private readonly SweepEngineOptions _options = options ?? SweepEngineOptions.None;

    public async Task<SweepSummary> RunAsync(IReadOnlyList<ITargetInventory> targets, IFindingSink sink, int concurrency, CancellationToken cancellationToken)
    {
        var summary = new SweepSummary { Targets = targets.Count };
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(targets, options, async (target, cancellationToken) =>
        {
            await AuditTargetAsync(target, sink, summary, cancellationToken);
            _options.Progress?.TargetCompleted(target.Name);
        });
        await sink.CompleteAsync(cancellationToken);
        return summary;
    }

    private async Task AuditTargetAsync(ITargetInventory target, IFindingSink sink, SweepSummary summary, CancellationToken cancellationToken)
    {
        var targetSink = new TargetSink(this, target, sink, summary);
        var targetResource = new ResourceRef($"target:{target.Name}", "target", target.Name);
        try
        {
            logger.LogInformation("Auditing target {Target} ({Cloud})", target.Name, target.Cloud);
            await target.InventoryAsync(targetSink, cancellationToken);
        }
        catch (TargetUnreachableException e)
        {
            summary.CountUnreachable();
            logger.LogWarning("Target {Target} unreachable: {Reason}", target.Name, e.Message);
            await targetSink.ErrorAsync(FindingFactory.Error(target.Cloud, targetResource, AuditGapChecks.TargetUnreachable(target.Cloud), e.Message), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A provider bug or an unexpected answer must not end the sweep of the other targets.
            logger.LogError("Target {Target} failed: {ErrorType}", target.Name, e.GetType().Name);
            await targetSink.ErrorAsync(FindingFactory.Error(target.Cloud, targetResource, AuditGapChecks.TargetFailed(target.Cloud),
                $"The audit of this target stopped early: {e.GetType().Name}."), cancellationToken);
        }
    }

    private sealed class TargetSink(SweepEngine engine, ITargetInventory target, IFindingSink output, SweepSummary summary) : IInventorySink
    {
        public async ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken)
        {
            summary.CountSubject();
            foreach (var finding in engine._catalog.Evaluate(subject, engine._context)) await EmitAsync(subject, finding, cancellationToken);
            if (engine._options.Subjects is { } subjects) await subjects.WriteAsync(target.Name, subject, cancellationToken);
            engine._options.Progress?.SubjectAudited(target.Name);
        }

        private async ValueTask EmitAsync(IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
        {
            finding = await engine._options.Pipeline.ProcessAsync(target, subject, finding, cancellationToken);
            summary.Count(finding);
            await output.WriteAsync(finding, cancellationToken);
        }

        public ValueTask ErrorAsync(Finding error, CancellationToken cancellationToken)
        {
            summary.Count(error);
            return output.WriteAsync(error, cancellationToken);
        }

        public async ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken)
        {
            if (engine._options.Sampler is not { } sampler) return;
            await foreach (var finding in sampler.SampleAsync(container, store, cancellationToken)) await EmitAsync(container, finding, cancellationToken);
        }
    }
}
