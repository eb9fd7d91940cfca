using CloudAuditor.Core.Pipeline;

namespace CloudAuditor.Core.Engine;

/// <summary>What a sweep does besides judging subjects: sample their content, process findings, report subjects and progress.</summary>
public sealed record SweepEngineOptions
{
    public IContainerSampler? Sampler { get; init; }
    public IContentClassifier? Classifier { get; init; }
    public FindingPipeline Pipeline { get; init; } = FindingPipeline.Empty;
    public ISubjectSink? Subjects { get; init; }
    public ISweepProgress? Progress { get; init; }

    /// <summary>Told when each target has ended, before the next output: a sharded sweep records the shard in its ledger.</summary>
    public Func<TargetOutcome, CancellationToken, ValueTask>? TargetEnded { get; init; }

    public static SweepEngineOptions None { get; } = new();
}
