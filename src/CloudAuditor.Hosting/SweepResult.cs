using CloudAuditor.Core.Engine;
using CloudAuditor.Core.State;
using CloudAuditor.Notifications;

namespace CloudAuditor.Hosting;

/// <summary>What one run of a sweep did: its counts, the shards an earlier run had done, and, when it closed the sweep, the digests sent.</summary>
public sealed record SweepResult(SweepSummary Summary, IReadOnlyList<OwnerDigest> Notified)
{
    /// <summary>The sweep as its ledger holds it after this run; null for read-only sweeps, which keep no ledger.</summary>
    public SweepRecord? Ledger { get; init; }

    /// <summary>Shards skipped because an earlier run of the same sweep had finished them.</summary>
    public IReadOnlyList<string> AlreadyDone { get; init; } = [];

    /// <summary>This run closed the sweep (and sent its digests).</summary>
    public bool Closed { get; init; }

    /// <summary>What content sampling read and saved; null when sampling was off.</summary>
    public SamplingTally? Sampling { get; init; }
}
