using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;

namespace CloudAuditor.Hosting;

/// <summary>What a host asks of one sweep; everything else comes from the configuration the runtime was opened with.</summary>
public sealed record SweepRequest(IFindingSink Output)
{
    /// <summary>Names the sweep; every process of one sweep (a timer's fan-out, a resumed run) shares its change budget.</summary>
    public string SweepId { get; init; } = NewSweepId();

    public static string NewSweepId() => $"sweep-{DateTimeOffset.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The targets to audit (a queue message's target, an event's container or bucket); all configured ones when null.</summary>
    public AuditorConfig? Scope { get; init; }

    /// <summary>Sample exactly this object (an event named it) instead of choosing a sample from each container.</summary>
    public string? ObjectKey { get; init; }

    /// <summary>Read and judge only: no content sampling, no exemptions, owners or remediation, nothing written to state, no notices.</summary>
    public bool ReadOnly { get; init; }

    /// <summary>With <see cref="ReadOnly"/>: still sample content and classify each container (the retention report's detected class).</summary>
    public bool SampleContent { get; init; }

    public ISubjectSink? Subjects { get; init; }

    public ISweepProgress? Progress { get; init; }

    public SweepClosing Closing { get; init; } = SweepClosing.AtEnd;

    /// <summary>When the cloud event this sweep answers happened (Event Grid eventTime, CloudTrail/EventBridge time).</summary>
    public DateTimeOffset? EventTime { get; init; }

    /// <summary>Run only this shard of the scope (a queue message names it, e.g. "prod#2/8"); every shard when null.</summary>
    public string? Shard { get; init; }
}
