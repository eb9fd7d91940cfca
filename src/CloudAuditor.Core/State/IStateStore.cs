using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

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
