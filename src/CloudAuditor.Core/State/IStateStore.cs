using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.State;

/// <summary>
/// What the auditor remembers between runs: findings, the remediation journal and the notification log, and what
/// concurrent runs coordinate through (leases, the per-sweep change budget). SQLite locally, Azure Table storage in the
/// cloud; both pass the same contract tests, including the concurrent ones. The sweep ledger, the sampling history, who shares
/// which endpoint's request rate and the change-log readings published for other processes are kept here too.
/// </summary>
public interface IStateStore : ISweepLedger, ISamplingHistory, IShareRegistry, IChangeReadings
{
    /// <summary>Remembers a sighting, and any status change it makes in the finding's history (<see cref="FindingTransition.Between"/>).</summary>
    /// <param name="eventTime">When the cloud event an event's sweep answers happened; null for scheduled sweeps.</param>
    /// <returns>The stored record, with FirstSeen kept from earlier sweeps.</returns>
    Task<FindingRecord> UpsertFindingAsync(Finding finding, DateTimeOffset seenAt, DateTimeOffset? eventTime, CancellationToken cancellationToken);

    /// <summary>Every status change at or after <paramref name="since"/>, oldest first (for metrics over time).</summary>
    IAsyncEnumerable<FindingTransition> ListTransitionsAsync(DateTimeOffset since, CancellationToken cancellationToken);

    Task<FindingRecord?> GetFindingAsync(string fingerprint, CancellationToken cancellationToken);

    /// <summary>Every remembered finding, most recently seen first (for report exports).</summary>
    IAsyncEnumerable<FindingRecord> ListFindingsAsync(CancellationToken cancellationToken);

    Task AddRemediationAsync(RemediationRecord record, CancellationToken cancellationToken);

    Task UpdateRemediationAsync(string id, RemediationStatus status, string? detail, DateTimeOffset at, CancellationToken cancellationToken);

    Task<RemediationRecord?> GetRemediationAsync(string id, CancellationToken cancellationToken);

    Task RecordNotificationAsync(string owner, string fingerprint, DateTimeOffset sentAt, CancellationToken cancellationToken);

    Task<DateTimeOffset?> LastNotifiedAsync(string owner, string fingerprint, CancellationToken cancellationToken);

    /// <summary>Takes the lease on a scope (one enforcer per target), or renews it for the holder that has it, until now plus the duration.</summary>
    /// <returns>Null when the holder now has the lease; otherwise the unexpired lease someone else holds.</returns>
    Task<Lease?> TryLeaseAsync(string scope, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Gives the lease up, if the holder still has it.</summary>
    Task ReleaseLeaseAsync(string scope, string holder, CancellationToken cancellationToken);

    /// <summary>Counts one change against a sweep's blast-radius limit, across every process of the sweep.</summary>
    /// <returns>False, counting nothing, when the sweep has already made <paramref name="limit"/> changes.</returns>
    Task<bool> TryCountChangeAsync(string sweepId, int limit, CancellationToken cancellationToken);

    /// <summary>Gives back a counted change that was not made after all (nothing to change, declined).</summary>
    Task UncountChangeAsync(string sweepId, CancellationToken cancellationToken);
}
