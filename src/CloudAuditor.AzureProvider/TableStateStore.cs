using Azure;
using Azure.Data.Tables;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// The cloud state store: Azure tables for findings and their history (a partition per month), the notification log, coordination
/// (leases, change budgets, rate shares, published change-log readings), sampling history (a partition per container: the
/// watermark and the objects read) and the sweep ledger (a partition per sweep: the plan row, a row per shard, a row per
/// notice). Keys avoid the characters Table storage forbids: fingerprints and ids are hex, owners, shard ids and object keys
/// are hashed into keys.
/// </summary>
public sealed class TableStateStore : IStateStore
{
    private readonly TableClient _findings;
    private readonly TableClient _remediations;
    private readonly TableClient _notifications;
    private readonly TableClient _coordination;
    private readonly TableClient _sweeps;
    private readonly TableClient _sampling;
    private readonly TableClient _history;

    private TableStateStore(TableServiceClient service, string prefix)
    {
        _findings = service.GetTableClient($"{prefix}findings");
        _remediations = service.GetTableClient($"{prefix}remediations");
        _notifications = service.GetTableClient($"{prefix}notifications");
        _coordination = service.GetTableClient($"{prefix}coordination");
        _sweeps = service.GetTableClient($"{prefix}sweeps");
        _sampling = service.GetTableClient($"{prefix}sampling");
        _history = service.GetTableClient($"{prefix}history");
    }

    public static async Task<TableStateStore> OpenAsync(TableServiceClient service, string prefix, CancellationToken cancellationToken)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[A-Za-z][A-Za-z0-9]{0,40}$"))
            throw new Core.Config.ConfigException("state.tablePrefix must start with a letter and hold only letters and digits.");
        var store = new TableStateStore(service, prefix);
        foreach (var table in new[] { store._findings, store._remediations, store._notifications,
            store._coordination, store._sweeps, store._sampling, store._history }) await table.CreateIfNotExistsAsync(cancellationToken);
        return store;
    }

    /// <summary>The history rows first: a crash between them and the finding's update repeats the change next sweep rather than losing it.</summary>
    public async Task<FindingRecord> UpsertFindingAsync(Finding finding, DateTimeOffset seenAt, DateTimeOffset? eventTime,
        CancellationToken cancellationToken)
    {
        var existing = await GetFindingAsync(finding.Fingerprint, cancellationToken);
        var firstSeen = existing?.FirstSeen ?? seenAt;
        var (dataClass, exemptUntil, exemptReason) = FindingRecord.Remembered(finding);
        foreach (var change in FindingTransition.Between(existing?.Status, finding, seenAt, eventTime))
        {
            await _history.UpsertEntityAsync(new TableEntity(HistoryPartition(change.At),
                $"{change.At.UtcTicks:D19}-{change.Fingerprint}-{change.Kind}")
            {
                ["Fingerprint"] = change.Fingerprint, ["CheckId"] = change.CheckId, ["Type"] = change.Type.ToString(),
                ["Severity"] = change.Severity.ToString(),
                ["ResourceId"] = change.ResourceId, ["Kind"] = change.Kind.ToString(), ["At"] = change.At, ["EventTime"] = change.EventTime,
            }, TableUpdateMode.Replace, cancellationToken);
        }
        await _findings.UpsertEntityAsync(new TableEntity(Partition(finding.Fingerprint), finding.Fingerprint)
        {
            ["CheckId"] = finding.CheckId,
            ["ResourceId"] = finding.Resource.Id,
            ["Status"] = finding.Status.ToString(),
            ["Severity"] = finding.Severity.ToString(),
            ["FirstSeen"] = firstSeen,
            ["LastSeen"] = seenAt,
            ["DataClass"] = dataClass,
            ["ExemptUntil"] = FindingRecord.Text(exemptUntil),
            ["ExemptReason"] = exemptReason,
        }, TableUpdateMode.Replace, cancellationToken);
        return new FindingRecord(finding.Fingerprint, finding.CheckId, finding.Resource.Id, finding.Status, finding.Severity, firstSeen, seenAt)
        {
            DataClass = dataClass, ExemptUntil = exemptUntil, ExemptReason = exemptReason,
        };
    }

    public async IAsyncEnumerable<FindingTransition> ListTransitionsAsync(DateTimeOffset since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Streamed: the service returns rows by partition (month) and row key (ticks first), which is the order of time.
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {HistoryPartition(since)} and At ge {since}");
        await foreach (var e in _history.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            yield return new FindingTransition(e.GetString("Fingerprint"), e.GetString("CheckId"), Enum.Parse<FindingType>(e.GetString("Type")),
                Enum.Parse<Severity>(e.GetString("Severity")), e.GetString("ResourceId"), Enum.Parse<TransitionKind>(e.GetString("Kind")),
                e.GetDateTimeOffset("At")!.Value, e.GetDateTimeOffset("EventTime"));
    }

    /// <summary>A month per partition: a metrics query reads the months it covers, and no partition grows without end.</summary>
    private static string HistoryPartition(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

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
        Enum.Parse<FindingStatus>(e.GetString("Status")), Enum.Parse<Severity>(e.GetString("Severity")),
        e.GetDateTimeOffset("FirstSeen")!.Value, e.GetDateTimeOffset("LastSeen")!.Value)
    {
        DataClass = e.GetString("DataClass"),
        ExemptUntil = FindingRecord.Day(e.GetString("ExemptUntil")),
        ExemptReason = e.GetString("ExemptReason"),
    };

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

    /// <summary>Optimistic concurrency: an add fails with 409 and an update with 412 when another instance got there first.</summary>
    public async Task<Lease?> TryLeaseAsync(string scope, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Fingerprint.Of("lease", scope);
        var lease = new TableEntity("lease", key) { ["Scope"] = scope, ["Holder"] = holder, ["ExpiresAt"] = now + duration };
        var existing = await _coordination.GetEntityIfExistsAsync<TableEntity>("lease", key, cancellationToken: cancellationToken);
        try
        {
            if (!existing.HasValue)
            {
                await _coordination.AddEntityAsync(lease, cancellationToken);
                return null;
            }
            var current = existing.Value!;
            var held = new Lease(scope, current.GetString("Holder"), current.GetDateTimeOffset("ExpiresAt")!.Value);
            if (held.Holder != holder && held.ExpiresAt >= now) return held;
            await _coordination.UpdateEntityAsync(lease, current.ETag, TableUpdateMode.Replace, cancellationToken);
            return null;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var winner = await _coordination.GetEntityAsync<TableEntity>("lease", key, cancellationToken: cancellationToken);
            return new Lease(scope, winner.Value.GetString("Holder"), winner.Value.GetDateTimeOffset("ExpiresAt")!.Value);
        }
    }

    public async Task ReleaseLeaseAsync(string scope, string holder, CancellationToken cancellationToken)
    {
        var key = Fingerprint.Of("lease", scope);
        var existing = await _coordination.GetEntityIfExistsAsync<TableEntity>("lease", key, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value!.GetString("Holder") != holder) return;
        try
        {
            await _coordination.DeleteEntityAsync("lease", key, existing.Value.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Taken over or gone already: nothing of ours to release.
        }
    }

    /// <summary>
    /// One row per member in the scope's partition of the coordination table; the count reads that partition only, and deletes
    /// the words that lapsed, so the partition holds the members of the last minute, not every process that ever swept.
    /// </summary>
    public async Task<int> ShareAsync(string scope, string member, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var partition = "share-" + Fingerprint.Of("share", scope);
        await _coordination.UpsertEntityAsync(new TableEntity(partition, Fingerprint.Of("member", member)) { ["Scope"] = scope, ["Until"] = until },
            TableUpdateMode.Replace, cancellationToken);
        var count = 0;
        await foreach (var row in _coordination.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            select: ["PartitionKey", "RowKey", "Until"], cancellationToken: cancellationToken))
        {
            if (row.GetDateTimeOffset("Until") >= now) count++;
            else await ForgetAsync(row, cancellationToken);
        }
        return count;
    }

    /// <summary>A lapsed word; another member may have renewed or removed it meanwhile, which is as good.</summary>
    private async Task ForgetAsync(TableEntity lapsed, CancellationToken cancellationToken)
    {
        try
        {
            await _coordination.DeleteEntityAsync(lapsed.PartitionKey, lapsed.RowKey, lapsed.ETag, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Renewed (412) or already removed (404) by another member.
        }
    }

    /// <summary>
    /// A partition per log in the coordination table, rows keyed by the reading's time: each container's changes (its JSON in
    /// parts a property can hold), then the window. The reading's earlier rows and the log's readings from more than a day
    /// before go first.
    /// </summary>
    public async Task PublishChangesAsync(string log, DateTimeOffset asOf, ChangeReading reading, CancellationToken cancellationToken)
    {
        var partition = ChangesPartition(log);
        var (current, forgotten) = (ReadingKey(asOf), ReadingKey(asOf.AddDays(-1)));
        var stale = _coordination.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and (RowKey lt {forgotten} or (RowKey ge {current + "-"} and RowKey lt {current + "."}))"),
            select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken);
        await SubmitAsync(stale.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, row, ETag.All)), cancellationToken);
        var rows = reading.Containers.SelectMany(c => LedgerJson.Of(c.Value).Chunk(ChangesPart).Select((part, i) =>
            new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(partition, $"{ContainerRows(asOf, c.Key)}{i:D4}") { ["Body"] = new string(part) })));
        await SubmitAsync(rows.ToAsyncEnumerable(), cancellationToken);
        await _coordination.UpsertEntityAsync(new TableEntity(partition, $"{current}-window") { ["Log"] = log, ["Body"] = LedgerJson.Of(reading.Window) },
            TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<ChangeWindow?> GetChangeWindowAsync(string log, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var window = await _coordination.GetEntityIfExistsAsync<TableEntity>(ChangesPartition(log), $"{ReadingKey(asOf)}-window",
            cancellationToken: cancellationToken);
        return window.HasValue ? LedgerJson.Window(window.Value!.GetString("Body")) : null;
    }

    public async Task<ChangedObjects?> GetChangesAsync(string log, DateTimeOffset asOf, string container, CancellationToken cancellationToken)
    {
        var prefix = ContainerRows(asOf, container);
        var body = new System.Text.StringBuilder();
        await foreach (var part in _coordination.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {ChangesPartition(log)} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "."}"), cancellationToken: cancellationToken))
            body.Append(part.GetString("Body"));
        return body.Length == 0 ? null : LedgerJson.Changes(body.ToString());
    }

    /// <summary>Characters per row of a container's changes: 60 KB as UTF-16, under the 64 KiB a property may hold.</summary>
    private const int ChangesPart = 30_000;

    /// <summary>Entity group transactions: at most 100 rows of one partition, and 4 MiB; 40 rows of at most 60 KB stay under it.</summary>
    private async Task SubmitAsync(IAsyncEnumerable<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        await foreach (var batch in actions.Chunk(40).WithCancellation(cancellationToken))
            await _coordination.SubmitTransactionAsync(batch, cancellationToken);
    }

    private static string ChangesPartition(string log) => "changes-" + Fingerprint.Of("changes", log);

    private static string ReadingKey(DateTimeOffset asOf) => asOf.UtcTicks.ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    private static string ContainerRows(DateTimeOffset asOf, string container) => $"{ReadingKey(asOf)}-c-{Fingerprint.Of("container", container)}-";

    public async Task<bool> TryCountChangeAsync(string sweepId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return false;
        return await UpdateBudgetAsync(sweepId, used => used < limit ? used + 1 : null, cancellationToken);
    }

    public Task UncountChangeAsync(string sweepId, CancellationToken cancellationToken) =>
        UpdateBudgetAsync(sweepId, used => used > 0 ? used - 1 : null, cancellationToken);

    /// <summary>Read, change, write with the ETag; a concurrent writer makes it read again.</summary>
    /// <param name="change">The new count, or null to leave it and answer false.</param>
    private async Task<bool> UpdateBudgetAsync(string sweepId, Func<int, int?> change, CancellationToken cancellationToken)
    {
        var key = Fingerprint.Of("budget", sweepId);
        while (true)
        {
            var existing = await _coordination.GetEntityIfExistsAsync<TableEntity>("budget", key, cancellationToken: cancellationToken);
            var used = existing.HasValue ? existing.Value!.GetInt32("Used") ?? 0 : 0;
            if (change(used) is not { } next) return false;
            try
            {
                var entity = new TableEntity("budget", key) { ["SweepId"] = sweepId, ["Used"] = next };
                if (existing.HasValue) await _coordination.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                else await _coordination.AddEntityAsync(entity, cancellationToken);
                return true;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Someone else counted in between: read the new count and decide again.
            }
        }
    }

    private const string PlanRow = "plan";

    /// <summary>One batch (an entity group transaction, at most 100 rows) per part of the plan; the plan row last, so a sweep is only seen whole.</summary>
    public async Task PlanSweepAsync(string sweepId, IReadOnlyList<string> shardIds, DateTimeOffset plannedAt, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        var partition = SweepPartition(sweepId);
        if ((await _sweeps.GetEntityIfExistsAsync<TableEntity>(partition, PlanRow, cancellationToken: cancellationToken)).HasValue) return;
        foreach (var chunk in shardIds.Chunk(100))
        {
            await _sweeps.SubmitTransactionAsync(chunk.Select(shard => new TableTransactionAction(TableTransactionActionType.UpsertMerge,
                new TableEntity(partition, ShardRow(shard)) { ["ShardId"] = shard })), cancellationToken);
        }
        try
        {
            await _sweeps.AddEntityAsync(new TableEntity(partition, PlanRow)
            {
                ["SweepId"] = sweepId, ["PlannedAt"] = plannedAt, ["Deadline"] = deadline, ["Open"] = true,
            }, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Planned by another instance in between: its plan stands.
        }
    }

    public async Task<SweepRecord?> GetSweepAsync(string sweepId, CancellationToken cancellationToken)
    {
        TableEntity? plan = null;
        var shards = new List<ShardRecord>();
        await foreach (var row in _sweeps.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {SweepPartition(sweepId)}"), cancellationToken: cancellationToken))
        {
            if (row.RowKey == PlanRow) plan = row;
            else if (row.RowKey.StartsWith("shard-", StringComparison.Ordinal))
                shards.Add(new ShardRecord(row.GetString("ShardId"), row.GetString("Result") is { } result ? LedgerJson.Result(result) : null,
                    row.GetDateTimeOffset("DoneAt")));
        }
        return plan is null ? null : new SweepRecord(sweepId, plan.GetDateTimeOffset("PlannedAt")!.Value, plan.GetDateTimeOffset("Deadline")!.Value,
            plan.GetDateTimeOffset("ClosedAt"), [.. shards.OrderBy(s => s.ShardId, StringComparer.Ordinal)]);
    }

    /// <summary>Only a pending shard row is updated, under its ETag: of two instances finishing the same shard, one records it.</summary>
    public async Task<bool> CompleteShardAsync(string sweepId, ShardResult result, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (partition, row) = (SweepPartition(sweepId), ShardRow(result.ShardId));
        var existing = await _sweeps.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken);
        if (!existing.HasValue || existing.Value!.GetString("Result") is not null) return false;
        try
        {
            await _sweeps.UpdateEntityAsync(new TableEntity(partition, row)
            {
                ["ShardId"] = result.ShardId, ["Result"] = LedgerJson.Of(result), ["DoneAt"] = at,
            }, existing.Value.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>The plan row's ETag makes the close exactly once: the second writer's update fails with 412.</summary>
    public async Task<bool> TryCloseSweepAsync(string sweepId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var plan = await _sweeps.GetEntityIfExistsAsync<TableEntity>(SweepPartition(sweepId), PlanRow, cancellationToken: cancellationToken);
        if (!plan.HasValue || plan.Value!.GetDateTimeOffset("ClosedAt") is not null) return false;
        var closed = plan.Value;
        closed["ClosedAt"] = at;
        closed["Open"] = false;
        try
        {
            await _sweeps.UpdateEntityAsync(closed, closed.ETag, TableUpdateMode.Replace, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<string>> ListOpenSweepsAsync(CancellationToken cancellationToken)
    {
        var open = new List<(string Id, DateTimeOffset Planned)>();
        await foreach (var plan in _sweeps.QueryAsync<TableEntity>($"RowKey eq '{PlanRow}' and Open eq true",
            cancellationToken: cancellationToken)) open.Add((plan.GetString("SweepId"), plan.GetDateTimeOffset("PlannedAt")!.Value));
        return [.. open.OrderBy(o => o.Planned).Select(o => o.Id)];
    }

    /// <summary>Row keys sort by the owner's hash, so one owner's notices come together.</summary>
    public Task AddNoticeAsync(string sweepId, Finding finding, CancellationToken cancellationToken) =>
        _sweeps.UpsertEntityAsync(new TableEntity(SweepPartition(sweepId), $"notice-{OwnerKey(finding.Owner ?? "")}-{finding.Fingerprint}")
        {
            ["Finding"] = LedgerJson.Of(finding),
        }, TableUpdateMode.Replace, cancellationToken);

    public async IAsyncEnumerable<Finding> ListNoticesAsync(string sweepId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = SweepPartition(sweepId);
        await foreach (var row in _sweeps.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {"notice-"} and RowKey lt {"notice."}"),
            cancellationToken: cancellationToken))
            yield return LedgerJson.Finding(row.GetString("Finding"));
    }

    private const string WatermarkRow = "watermark";

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListWatermarksAsync(CancellationToken cancellationToken)
    {
        var marks = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        await foreach (var mark in _sampling.QueryAsync<TableEntity>($"RowKey eq '{WatermarkRow}'", cancellationToken: cancellationToken))
            marks[mark.GetString("ContainerId")] = mark.GetDateTimeOffset("At")!.Value;
        return marks;
    }

    public async Task<DateTimeOffset?> WatermarkAsync(string containerId, CancellationToken cancellationToken)
    {
        var mark = await _sampling.GetEntityIfExistsAsync<TableEntity>(ContainerPartition(containerId), WatermarkRow, cancellationToken: cancellationToken);
        return mark.HasValue ? mark.Value!.GetDateTimeOffset("At") : null;
    }

    public async Task SetWatermarkAsync(string containerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var partition = ContainerPartition(containerId);
        await _sampling.UpsertEntityAsync(new TableEntity(partition, WatermarkRow) { ["At"] = at, ["ContainerId"] = containerId }, TableUpdateMode.Replace,
            cancellationToken);
        var covered = new List<TableEntity>();
        await foreach (var read in _sampling.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition} and Version le {at}"),
            cancellationToken: cancellationToken)) covered.Add(read);
        foreach (var chunk in covered.Chunk(100))
            await _sampling.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)),
                cancellationToken);
    }

    public Task RecordObjectReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken) =>
        _sampling.UpsertEntityAsync(new TableEntity(ContainerPartition(containerId), ObjectRow(key)) { ["Version"] = version },
            TableUpdateMode.Replace, cancellationToken);

    public async Task<bool> WasReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken)
    {
        var read = await _sampling.GetEntityIfExistsAsync<TableEntity>(ContainerPartition(containerId), ObjectRow(key), cancellationToken: cancellationToken);
        return read.HasValue && read.Value!.GetDateTimeOffset("Version") == version;
    }

    private static string ContainerPartition(string containerId) => Fingerprint.Of("container", containerId);

    private static string ObjectRow(string key) => $"object-{Fingerprint.Of("key", key)}";

    private static string SweepPartition(string sweepId) => Fingerprint.Of("sweep", sweepId);

    private static string ShardRow(string shardId) => $"shard-{Fingerprint.Of("shard", shardId)}";

    private static string Partition(string fingerprint) => fingerprint[..Math.Min(2, fingerprint.Length)];

    private static string OwnerKey(string owner) => Fingerprint.Of("owner", owner);
}
