using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// Runs targets in parallel, judges each subject with the check catalogue, passes each finding through the pipeline and
/// streams it to the sink, and accounts for coverage: every resource a provider reports ends audited, partially audited
/// or not audited, every stopped listing is recorded, and a target's failure never ends the sweep of the others.
/// </summary>
public sealed class SweepEngine(CheckCatalog catalog, CheckContext context, ILogger<SweepEngine> logger, SweepEngineOptions? options = null)
{
    private readonly CheckCatalog _catalog = catalog;
    private readonly CheckContext _context = context;
    private readonly SweepEngineOptions _options = options ?? SweepEngineOptions.None;

    public async Task<SweepSummary> RunAsync(IReadOnlyList<ITargetInventory> targets, IFindingSink sink, int concurrency, CancellationToken cancellationToken)
    {
        var summary = new SweepSummary { Targets = targets.Count, Requests = Http.RequestTally.Current };
        var coverage = new CoverageLedger();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(targets, parallel, async (target, token) =>
        {
            var outcome = await AuditTargetAsync(target, sink, summary, coverage, token);
            if (_options.TargetEnded is { } ended) await ended(outcome, token);
            _options.Progress?.TargetCompleted(target.Name);
        });
        summary.Coverage = coverage.Report();
        await sink.CompleteAsync(summary, cancellationToken);
        return summary;
    }

    private async Task<TargetOutcome> AuditTargetAsync(ITargetInventory target, IFindingSink sink, SweepSummary summary, CoverageLedger coverage,
        CancellationToken cancellationToken)
    {
        var targetSink = new TargetSink(this, target, sink, summary, coverage);
        var targetResource = new ResourceRef($"target:{target.Name}", "target", target.Name);
        try
        {
            logger.LogInformation("Auditing target {Target} ({Cloud})", target.Name, target.Cloud);
            await target.InventoryAsync(targetSink, cancellationToken);
            coverage.Record(CoverageKinds.Target, targetSink.HasGaps ? AuditState.Partial : AuditState.Audited, target.Name);
        }
        catch (TargetUnreachableException e)
        {
            logger.LogWarning("Target {Target} not audited: {Reason}", target.Name, e.Message);
            coverage.Record(CoverageKinds.Target, AuditState.NotAudited, target.Name, e.Fault);
            await targetSink.EmitGapAsync(FindingFactory.Error(target.Cloud, targetResource, AuditGapChecks.TargetUnreachable(target.Cloud), e.Message),
                e.Fault, cancellationToken);
        }
#pragma warning disable CA1031 // A provider bug or an unexpected answer is classified and reported; it must not end the sweep of the other targets.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, target.Faults);
            logger.LogError("Target {Target} stopped part-way: {Reason}", target.Name, fault.Reason);
            coverage.Record(CoverageKinds.Target, targetSink.Audited > 0 ? AuditState.Partial : AuditState.NotAudited, target.Name, fault);
            coverage.RemainderUnknown(target.Name, "resource", targetSink.Audited, fault);
            await targetSink.EmitGapAsync(FindingFactory.Error(target.Cloud, targetResource, AuditGapChecks.TargetFailed(target.Cloud),
                $"The audit of this target stopped part-way after {targetSink.Audited} resource(s): {fault.Reason}."), fault, cancellationToken);
        }
        return targetSink.Outcome();
    }

    private sealed class TargetSink(SweepEngine engine, ITargetInventory target, IFindingSink output, SweepSummary summary, CoverageLedger coverage)
        : IInventorySink
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _gapReasons = new();
        private int _gaps;
        private int _transient;
        private int _audited;
        private int _findings;
        private int _failing;

        public bool HasGaps => Volatile.Read(ref _gaps) > 0;

        /// <summary>Gap reasons kept for the outcome; the coverage ledger counts every gap.</summary>
        private const int GapReasonsKept = 20;

        public TargetOutcome Outcome() => new(target.Name, Audited, Volatile.Read(ref _findings), Volatile.Read(ref _failing), Volatile.Read(ref _gaps),
            Volatile.Read(ref _transient) == 1, [.. _gapReasons.Distinct(StringComparer.Ordinal)]);

        private void Gap(Fault fault)
        {
            if (Interlocked.Increment(ref _gaps) <= GapReasonsKept) _gapReasons.Enqueue(fault.Reason);
            if (fault.Transient) Volatile.Write(ref _transient, 1);
        }

        public int Audited => Volatile.Read(ref _audited);

        public async ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken)
        {
            summary.CountSubject();
            Interlocked.Increment(ref _audited);
            foreach (var finding in engine._catalog.Evaluate(subject, engine._context)) await EmitAsync(subject, finding, cancellationToken);
            var failed = subject.Observations.Where(o => o.State == ObservationState.Failed).Select(o => o.Fault!).ToList();
            if (failed.Count == 0)
            {
                coverage.Record(CoverageKinds.Of(subject.Resource), AuditState.Audited, subject.Resource.Name);
            }
            else
            {
                var reasons = string.Join("; ", failed.Select(f => f.Reason));
                var kind = (failed.FirstOrDefault(f => f.Transient) ?? failed[0]).Kind;
                var fault = new Fault(kind, $"settings unread: {reasons}");
                coverage.Record(CoverageKinds.Of(subject.Resource), AuditState.Partial, subject.Resource.Name, fault);
                await EmitGapAsync(FindingFactory.Error(subject.Cloud, subject.Resource, AuditGapChecks.SettingsUnreadable(subject),
                    $"Some settings could not be read, so the checks that need them were not judged: {reasons}."), fault, cancellationToken);
            }
            if (engine._options.Subjects is { } subjects) await subjects.WriteAsync(target.Name, subject, cancellationToken);
            engine._options.Progress?.SubjectAudited(target.Name);
        }

        public async ValueTask NotAuditedAsync(ResourceRef resource, Fault fault, CancellationToken cancellationToken)
        {
            coverage.Record(CoverageKinds.Of(resource), AuditState.NotAudited, resource.Name, fault);
            await EmitGapAsync(FindingFactory.Error(target.Cloud, resource, AuditGapChecks.NotAudited(target.Cloud, resource),
                $"Not audited: {fault.Reason}."), fault, cancellationToken);
        }

        public async ValueTask ListingStoppedAsync(ResourceRef scope, string kind, int listed, Fault fault, CancellationToken cancellationToken)
        {
            coverage.RemainderUnknown(scope.Name, kind, listed, fault);
            await EmitGapAsync(FindingFactory.Error(target.Cloud, scope, AuditGapChecks.TargetFailed(target.Cloud),
                $"Listing {kind}s stopped after {listed}: {fault.Reason}. Any {kind}s after those were not audited."), fault, cancellationToken);
        }

        public async ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken)
        {
            if (engine._options.Sampler is not { } sampler) return;
            var classifier = engine._options.Classifier;
            // Kept per container only when it is to be classified: findings only, already bounded by objects per container.
            var all = classifier is null ? null : new List<SampledObject>();
            await foreach (var sampled in sampler.SampleAsync(container, store, cancellationToken))
            {
                foreach (var finding in sampled.Findings) await EmitAsync(container, finding, cancellationToken);
                var name = $"{container.Resource.Name}/{sampled.Key ?? "(object listing)"}";
                coverage.Record(CoverageKinds.Object, sampled.State, name, sampled.Fault);
                if (sampled.Fault is { IsGap: true } gap) Gap(gap);
                all?.Add(sampled);
            }
            if (classifier?.Classify(container, store.Checks, all!, engine._context) is { } classification)
                await EmitAsync(container, classification, cancellationToken);
        }

        /// <summary>An error finding about coverage: written like any other, and counted against the target's completeness.</summary>
        public ValueTask EmitGapAsync(Finding error, Fault fault, CancellationToken cancellationToken)
        {
            Gap(fault);
            Interlocked.Increment(ref _findings);
            summary.Count(error);
            return output.WriteAsync(error, cancellationToken);
        }

        private async ValueTask EmitAsync(IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
        {
            finding = await engine._options.Pipeline.ProcessAsync(target, subject, finding, cancellationToken);
            Interlocked.Increment(ref _findings);
            if (finding.IsFailing) Interlocked.Increment(ref _failing);
            summary.Count(finding);
            await output.WriteAsync(finding, cancellationToken);
        }
    }
}
