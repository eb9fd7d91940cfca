using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

public enum RemediationStatus { Planned, Applied, Verified, VerificationFailed, Failed, RolledBack }

/// <summary>
/// One change the auditor made (or meant to make), written before it acts: the prior state is what rollback
/// restores, so it is recorded first and never overwritten.
/// </summary>
public sealed record RemediationRecord
{
    public required string Id { get; init; }
    public required string Target { get; init; }
    public required string CheckId { get; init; }
    public required string Fingerprint { get; init; }
    public required string ResourceId { get; init; }
    public required string Action { get; init; }
    public required string PriorState { get; init; }
    public required string NewState { get; init; }
    public required RemediationStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Detail { get; init; }
}

/// <summary>A finding as remembered across sweeps: dedupe by fingerprint, first and last seen.</summary>
public sealed record FindingRecord(string Fingerprint, string CheckId, string ResourceId, FindingStatus Status, Severity Severity, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);

/// <summary>
/// What the auditor remembers between runs: findings, the remediation journal and the notification log.
/// SQLite locally, Azure Table storage in the cloud; both pass the same contract tests.
/// </summary>
public interface IStateStore
{
    /// <returns>The stored record, with FirstSeen kept from earlier sweeps.</returns>
    Task<FindingRecord> UpsertFindingAsync(Finding finding, DateTimeOffset seenAt, CancellationToken cancellationToken);

    Task<FindingRecord?> GetFindingAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Every remembered finding, most recently seen first (for report exports).</summary>
    IAsyncEnumerable<FindingRecord> ListFindingsAsync(CancellationToken cancellationToken);

    Task AddRemediationAsync(RemediationRecord record, CancellationToken cancellationToken);

    Task UpdateRemediationAsync(string id, RemediationStatus status, string? detail, DateTimeOffset at, CancellationToken cancellationToken);

    Task<RemediationRecord?> GetRemediationAsync(string id, CancellationToken cancellationToken);

    Task RecordNotificationAsync(string owner, string fingerprint, DateTimeOffset sentAt, CancellationToken cancellationToken);

    Task<DateTimeOffset?> LastNotifiedAsync(string owner, string fingerprint, CancellationToken cancellationToken);
}
