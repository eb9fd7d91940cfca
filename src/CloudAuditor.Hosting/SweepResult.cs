using CloudAuditor.Core.Engine;
using CloudAuditor.Notifications;

namespace CloudAuditor.Hosting;

/// <summary>What one sweep did: its counts, and the owner digests it sent.</summary>
public sealed record SweepResult(SweepSummary Summary, IReadOnlyList<OwnerDigest> Notified);
