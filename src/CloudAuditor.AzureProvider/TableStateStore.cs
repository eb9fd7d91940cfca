using Azure;
using Azure.Data.Tables;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// The cloud state store: three Azure tables (findings, remediation journal, notification log). Keys avoid the
/// characters Table storage forbids: fingerprints and ids are hex, owners are hashed into keys and kept as properties.
/// </summary>
public sealed class TableStateStore : IStateStore
{
    private readonly TableClient _findings;
    private readonly TableClient _remediations;
    private readonly TableClient _notifications;

    private TableStateStore(TableServiceClient service, string prefix)
    {
        _findings = service.GetTableClient($"{prefix}findings");
        _remediations = service.GetTableClient($"{prefix}remediations");
        _notifications = service.GetTableClient($"{prefix}notifications");
    }

    public static async Task<TableStateStore> OpenAsync(TableServiceClient service, string prefix, CancellationToken cancellationToken)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[A-Za-z][A-Za-z0-9]{0,40}$"))
            throw new Core.Config.ConfigException("state.tablePrefix must start with a letter and hold only letters and digits.");
        var store = new TableStateStore(service, prefix);
        foreach (var table in new[] { store._findings, store._remediations, store._notifications }) await table.CreateIfNotExistsAsync(cancellationToken);
        return store;
    }

    public async Task<FindingRecord> UpsertFindingAsync(Finding finding, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var existing = await GetFindingAsync(finding.Fingerprint, cancellationToken);
        var firstSeen = existing?.FirstSeen ?? seenAt;
        await _findings.UpsertEntityAsync(new TableEntity(Partition(finding.Fingerprint), finding.Fingerprint)
        {
            ["CheckId"] = finding.CheckId,
            ["ResourceId"] = finding.Resource.Id,
            ["Status"] = finding.Status.ToString(),
            ["Severity"] = finding.Severity.ToString(),
            ["FirstSeen"] = firstSeen,
            ["LastSeen"] = seenAt,
        }, TableUpdateMode.Replace, cancellationToken);
        return new FindingRecord(finding.Fingerprint, finding.CheckId, finding.Resource.Id, finding.Status, finding.Severity, firstSeen, seenAt);
    }

    public async Task<FindingRecord?> GetFindingAsync(string fingerprint, CancellationToken cancellationToken)
    {
        var entity = await _findings.GetEntityIfExistsAsync<TableEntity>(Partition(fingerprint), fingerprint, cancellationToken: cancellationToken);
        return entity.HasValue ? FindingFrom(entity.Value!) : null;
    }

    public async IAsyncEnumerable<FindingRecord> ListFindingsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var all = new List<FindingRecord>();
        await foreach (var entity in _findings.QueryAsync<TableEntity>(cancellationToken: cancellationToken)) all.Add(FindingFrom(entity));
        foreach (var record in all.OrderByDescending(r => r.LastSeen).ThenBy(r => r.Fingerprint, StringComparer.Ordinal)) yield return record;
    }

    private static FindingRecord FindingFrom(TableEntity e) => new(e.RowKey, e.GetString("CheckId"), e.GetString("ResourceId"),
        Enum.Parse<FindingStatus>(e.GetString("Status")), Enum.Parse<Severity>(e.GetString("Severity")), e.GetDateTimeOffset("FirstSeen")!.Value, e.GetDateTimeOffset("LastSeen")!.Value);

    public Task AddRemediationAsync(RemediationRecord record, CancellationToken cancellationToken) =>
        _remediations.AddEntityAsync(new TableEntity("remediation", record.Id)
        {
            ["Target"] = record.Target,
            ["CheckId"] = record.CheckId,
            ["Fingerprint"] = record.Fingerprint,
            ["ResourceId"] = record.ResourceId,
            ["Action"] = record.Action,
            ["PriorState"] = record.PriorState,
            ["NewState"] = record.NewState,
            ["Status"] = record.Status.ToString(),
            ["CreatedAt"] = record.CreatedAt,
            ["UpdatedAt"] = record.CreatedAt,
            ["Detail"] = record.Detail,
        }, cancellationToken);

    public async Task UpdateRemediationAsync(string id, RemediationStatus status, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var update = new TableEntity("remediation", id) { ["Status"] = status.ToString(), ["UpdatedAt"] = at };
        if (detail is not null) update["Detail"] = detail;
        await _remediations.UpdateEntityAsync(update, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task<RemediationRecord?> GetRemediationAsync(string id, CancellationToken cancellationToken)
    {
        var entity = await _remediations.GetEntityIfExistsAsync<TableEntity>("remediation", id, cancellationToken: cancellationToken);
        if (!entity.HasValue) return null;
        var e = entity.Value!;
        return new RemediationRecord
        {
            Id = id,
            Target = e.GetString("Target"),
            CheckId = e.GetString("CheckId"),
            Fingerprint = e.GetString("Fingerprint"),
            ResourceId = e.GetString("ResourceId"),
            Action = e.GetString("Action"),
            PriorState = e.GetString("PriorState"),
            NewState = e.GetString("NewState"),
            Status = Enum.Parse<RemediationStatus>(e.GetString("Status")),
            CreatedAt = e.GetDateTimeOffset("CreatedAt")!.Value,
            UpdatedAt = e.GetDateTimeOffset("UpdatedAt")!.Value,
            Detail = e.GetString("Detail"),
        };
    }

    public Task RecordNotificationAsync(string owner, string fingerprint, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
        _notifications.UpsertEntityAsync(new TableEntity(OwnerKey(owner), fingerprint) { ["Owner"] = owner.ToLowerInvariant(), ["SentAt"] = sentAt },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<DateTimeOffset?> LastNotifiedAsync(string owner, string fingerprint, CancellationToken cancellationToken)
    {
        var entity = await _notifications.GetEntityIfExistsAsync<TableEntity>(OwnerKey(owner), fingerprint, cancellationToken: cancellationToken);
        return entity.HasValue ? entity.Value!.GetDateTimeOffset("SentAt") : null;
    }

    private static string Partition(string fingerprint) => fingerprint[..Math.Min(2, fingerprint.Length)];

    private static string OwnerKey(string owner) => Fingerprint.Of("owner", owner);
}
