using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using Microsoft.Data.Sqlite;

namespace CloudAuditor.Core.State;

/// <summary>The embedded default: one SQLite file, created on first use, safe for the CLI's concurrent targets.</summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    public SqliteStateStore(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var schema = Command("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS findings (fingerprint TEXT PRIMARY KEY, check_id TEXT NOT NULL, resource_id TEXT NOT NULL,
                status TEXT NOT NULL, severity TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS remediations (id TEXT PRIMARY KEY, target TEXT NOT NULL, check_id TEXT NOT NULL, fingerprint TEXT NOT NULL,
                resource_id TEXT NOT NULL, action TEXT NOT NULL, prior_state TEXT NOT NULL, new_state TEXT NOT NULL, status TEXT NOT NULL,
                created_at TEXT NOT NULL, updated_at TEXT NOT NULL, detail TEXT);
            CREATE TABLE IF NOT EXISTS notifications (owner TEXT NOT NULL, fingerprint TEXT NOT NULL, sent_at TEXT NOT NULL,
                PRIMARY KEY (owner, fingerprint));
            CREATE TABLE IF NOT EXISTS leases (scope TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS endpoint_shares (scope TEXT NOT NULL, member TEXT NOT NULL, until TEXT NOT NULL, PRIMARY KEY (scope, member));
            CREATE TABLE IF NOT EXISTS change_budgets (sweep_id TEXT PRIMARY KEY, used INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS sweeps (sweep_id TEXT PRIMARY KEY, planned_at TEXT NOT NULL, deadline TEXT NOT NULL, closed_at TEXT);
            CREATE TABLE IF NOT EXISTS sweep_shards (sweep_id TEXT NOT NULL, shard_id TEXT NOT NULL, result TEXT, done_at TEXT,
                PRIMARY KEY (sweep_id, shard_id));
            CREATE TABLE IF NOT EXISTS sweep_notices (sweep_id TEXT NOT NULL, owner TEXT NOT NULL, fingerprint TEXT NOT NULL, finding TEXT NOT NULL,
                PRIMARY KEY (sweep_id, owner, fingerprint));
            CREATE TABLE IF NOT EXISTS finding_history (fingerprint TEXT NOT NULL, check_id TEXT NOT NULL, type TEXT NOT NULL, severity TEXT NOT NULL,
                resource_id TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, event_time TEXT);
            CREATE INDEX IF NOT EXISTS finding_history_at ON finding_history (at);
            CREATE TABLE IF NOT EXISTS sampling_marks (container_id TEXT PRIMARY KEY, watermark TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS object_reads (container_id TEXT NOT NULL, object_key TEXT NOT NULL, version TEXT NOT NULL,
                PRIMARY KEY (container_id, object_key));
            CREATE TABLE IF NOT EXISTS change_readings (log TEXT NOT NULL, as_of TEXT NOT NULL, container TEXT NOT NULL, body TEXT NOT NULL,
                PRIMARY KEY (log, as_of, container));
            """);
        schema.ExecuteNonQuery();
        // Stores made before findings kept these gain the columns; existing rows read them as null.
        foreach (var column in new[] { "data_class", "exempt_until", "exempt_reason" })
        {
            using var exists = Command("SELECT COUNT(*) FROM pragma_table_info('findings') WHERE name = $name", ("$name", column));
            if ((long)exists.ExecuteScalar()! > 0) continue;
            using var migrate = Command($"ALTER TABLE findings ADD COLUMN {column} TEXT");
            migrate.ExecuteNonQuery();
        }
    }

    /// <summary>Read, upsert and history in one transaction, so a sighting and the change it makes are recorded together.</summary>
    public async Task<FindingRecord> UpsertFindingAsync(Finding finding, DateTimeOffset seenAt, DateTimeOffset? eventTime,
        CancellationToken cancellationToken)
    {
        const string Upsert = """
            INSERT INTO findings (fingerprint, check_id, resource_id, status, severity, first_seen, last_seen, data_class, exempt_until, exempt_reason)
            VALUES ($fp, $check, $resource, $status, $severity, $seen, $seen, $class, $until, $reason)
            ON CONFLICT(fingerprint) DO UPDATE SET status = $status, severity = $severity, last_seen = $seen, data_class = $class,
                exempt_until = $until, exempt_reason = $reason
            RETURNING first_seen
            """;
        var (dataClass, exemptUntil, exemptReason) = FindingRecord.Remembered(finding);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var read = Command("SELECT status FROM findings WHERE fingerprint = $fp", ("$fp", finding.Fingerprint));
            read.Transaction = transaction;
            var previous = await read.ExecuteScalarAsync(cancellationToken) is string status ? Enum.Parse<FindingStatus>(status) : (FindingStatus?)null;
            using var upsert = Command(Upsert, ("$fp", finding.Fingerprint), ("$check", finding.CheckId), ("$resource", finding.Resource.Id),
                ("$status", finding.Status.ToString()), ("$severity", finding.Severity.ToString()), ("$seen", seenAt.ToString("O")),
                ("$class", dataClass), ("$until", FindingRecord.Text(exemptUntil)), ("$reason", exemptReason));
            upsert.Transaction = transaction;
            var firstSeen = Time((string)(await upsert.ExecuteScalarAsync(cancellationToken))!);
            foreach (var change in FindingTransition.Between(previous, finding, seenAt, eventTime))
            {
                using var history = Command("INSERT INTO finding_history VALUES ($fp, $check, $type, $severity, $resource, $kind, $at, $event)",
                    ("$fp", change.Fingerprint), ("$check", change.CheckId), ("$type", change.Type.ToString()), ("$severity", change.Severity.ToString()),
                    ("$resource", change.ResourceId), ("$kind", change.Kind.ToString()), ("$at", Utc(change.At)),
                    ("$event", change.EventTime is { } happened ? Utc(happened) : null));
                history.Transaction = transaction;
                await history.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            return new FindingRecord(finding.Fingerprint, finding.CheckId, finding.Resource.Id, finding.Status, finding.Severity, firstSeen, seenAt)
            {
                DataClass = dataClass, ExemptUntil = exemptUntil, ExemptReason = exemptReason,
            };
        }
        finally { _gate.Release(); }
    }

    /// <summary>Streamed row by row under the connection's gate: the history can be long, and other writers of this process wait.</summary>
    public async IAsyncEnumerable<FindingTransition> ListTransitionsAsync(DateTimeOffset since,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Command("SELECT fingerprint, check_id, type, severity, resource_id, kind, at, event_time FROM finding_history " +
                "WHERE at >= $since ORDER BY at, rowid", ("$since", Utc(since)));
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
                yield return new FindingTransition(reader.GetString(0), reader.GetString(1), Enum.Parse<FindingType>(reader.GetString(2)),
                    Enum.Parse<Severity>(reader.GetString(3)), reader.GetString(4), Enum.Parse<TransitionKind>(reader.GetString(5)), Time(reader.GetString(6)),
                    reader.IsDBNull(7) ? null : Time(reader.GetString(7)));
        }
        finally { _gate.Release(); }
    }

    public Task<FindingRecord?> GetFindingAsync(string fingerprint, CancellationToken cancellationToken) => QueryAsync(
        "SELECT check_id, resource_id, status, severity, first_seen, last_seen, data_class, exempt_until, exempt_reason FROM findings " +
        "WHERE fingerprint = $fp",
        reader => FindingFrom(reader, fingerprint, 0), cancellationToken, ("$fp", fingerprint));

    private static FindingRecord FindingFrom(SqliteDataReader reader, string fingerprint, int first) => new(
        fingerprint, reader.GetString(first), reader.GetString(first + 1), Enum.Parse<FindingStatus>(reader.GetString(first + 2)),
        Enum.Parse<Severity>(reader.GetString(first + 3)), Time(reader.GetString(first + 4)), Time(reader.GetString(first + 5)))
    {
        DataClass = reader.IsDBNull(first + 6) ? null : reader.GetString(first + 6),
        ExemptUntil = FindingRecord.Day(reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7)),
        ExemptReason = reader.IsDBNull(first + 8) ? null : reader.GetString(first + 8),
    };

    public async IAsyncEnumerable<FindingRecord> ListFindingsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await QueryAllAsync("SELECT fingerprint, check_id, resource_id, status, severity, first_seen, last_seen, data_class, exempt_until, " +
            "exempt_reason FROM findings " +
            "ORDER BY last_seen DESC, fingerprint", reader => FindingFrom(reader, reader.GetString(0), 1), cancellationToken);
        foreach (var row in rows) yield return row;
    }

    public Task AddRemediationAsync(RemediationRecord record, CancellationToken cancellationToken) => WriteAsync(
        "INSERT INTO remediations VALUES ($id, $target, $check, $fp, $resource, $action, $prior, $new, $status, $created, $created, $detail)",
        cancellationToken, ("$id", record.Id), ("$target", record.Target), ("$check", record.CheckId), ("$fp", record.Fingerprint),
        ("$resource", record.ResourceId), ("$action", record.Action), ("$prior", record.PriorState), ("$new", record.NewState),
        ("$status", record.Status.ToString()), ("$created", record.CreatedAt.ToString("O")), ("$detail", record.Detail));

    public Task UpdateRemediationAsync(string id, RemediationStatus status, string? detail, DateTimeOffset at, CancellationToken cancellationToken)
        => WriteAsync(
        "UPDATE remediations SET status = $status, detail = COALESCE($detail, detail), updated_at = $at WHERE id = $id",
        cancellationToken, ("$id", id), ("$status", status.ToString()), ("$detail", detail), ("$at", at.ToString("O")));

    public Task<RemediationRecord?> GetRemediationAsync(string id, CancellationToken cancellationToken) => QueryAsync(
        "SELECT target, check_id, fingerprint, resource_id, action, prior_state, new_state, status, created_at, updated_at, detail FROM remediations WHERE " +
            "id = $id",
        reader => new RemediationRecord
        {
            Id = id,
            Target = reader.GetString(0),
            CheckId = reader.GetString(1),
            Fingerprint = reader.GetString(2),
            ResourceId = reader.GetString(3),
            Action = reader.GetString(4),
            PriorState = reader.GetString(5),
            NewState = reader.GetString(6),
            Status = Enum.Parse<RemediationStatus>(reader.GetString(7)),
            CreatedAt = Time(reader.GetString(8)),
            UpdatedAt = Time(reader.GetString(9)),
            Detail = reader.IsDBNull(10) ? null : reader.GetString(10),
        },
        cancellationToken, ("$id", id));

    public Task RecordNotificationAsync(string owner, string fingerprint, DateTimeOffset sentAt, CancellationToken cancellationToken) => WriteAsync(
        "INSERT INTO notifications VALUES ($owner, $fp, $at) ON CONFLICT(owner, fingerprint) DO UPDATE SET sent_at = $at",
        cancellationToken, ("$owner", owner.ToLowerInvariant()), ("$fp", fingerprint), ("$at", sentAt.ToString("O")));

    public Task<DateTimeOffset?> LastNotifiedAsync(string owner, string fingerprint, CancellationToken cancellationToken) => QueryAsync<DateTimeOffset?>(
        "SELECT sent_at FROM notifications WHERE owner = $owner AND fingerprint = $fp", reader => Time(reader.GetString(0)),
        cancellationToken, ("$owner", owner.ToLowerInvariant()), ("$fp", fingerprint));

    /// <summary>One statement decides, so two processes on the same file cannot both win; UTC "O" strings order as times do.</summary>
    public async Task<Lease?> TryLeaseAsync(string scope, string holder, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string Take = """
            INSERT INTO leases VALUES ($scope, $holder, $until)
            ON CONFLICT(scope) DO UPDATE SET holder = $holder, expires_at = $until WHERE leases.holder = $holder OR leases.expires_at < $now
            """;
        var taken = await WriteAsync(Take, cancellationToken, ("$scope", scope), ("$holder", holder), ("$until", Utc(now + duration)), ("$now", Utc(now)));
        if (taken > 0) return null;
        return await QueryAsync("SELECT holder, expires_at FROM leases WHERE scope = $scope", reader
            => new Lease(scope, reader.GetString(0), Time(reader.GetString(1))),
            cancellationToken, ("$scope", scope));
    }

    public Task ReleaseLeaseAsync(string scope, string holder, CancellationToken cancellationToken) =>
        WriteAsync("DELETE FROM leases WHERE scope = $scope AND holder = $holder", cancellationToken, ("$scope", scope), ("$holder", holder));

    public async Task<int> ShareAsync(string scope, string member, DateTimeOffset until, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await WriteAsync("INSERT INTO endpoint_shares VALUES ($scope, $member, $until) ON CONFLICT(scope, member) DO UPDATE SET until = $until",
            cancellationToken, ("$scope", scope), ("$member", member), ("$until", Utc(until)));
        // Lapsed words go, so the table holds the members of the last minute, not every process that ever swept.
        await WriteAsync("DELETE FROM endpoint_shares WHERE scope = $scope AND until < $now", cancellationToken, ("$scope", scope), ("$now", Utc(now)));
        return await QueryAsync("SELECT COUNT(*) FROM endpoint_shares WHERE scope = $scope AND until >= $now", reader => reader.GetInt32(0),
            cancellationToken, ("$scope", scope), ("$now", Utc(now)));
    }

    public async Task<bool> TryCountChangeAsync(string sweepId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0) return false;
        const string Count = """
            INSERT INTO change_budgets VALUES ($sweep, 1)
            ON CONFLICT(sweep_id) DO UPDATE SET used = used + 1 WHERE change_budgets.used < $limit
            """;
        return await WriteAsync(Count, cancellationToken, ("$sweep", sweepId), ("$limit", limit)) > 0;
    }

    public Task UncountChangeAsync(string sweepId, CancellationToken cancellationToken) =>
        WriteAsync("UPDATE change_budgets SET used = used - 1 WHERE sweep_id = $sweep AND used > 0", cancellationToken, ("$sweep", sweepId));

    /// <summary>One transaction, so a plan is recorded whole or not at all.</summary>
    public async Task PlanSweepAsync(string sweepId, IReadOnlyList<string> shardIds, DateTimeOffset plannedAt, DateTimeOffset deadline,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            using var sweep = Command("INSERT INTO sweeps VALUES ($sweep, $planned, $deadline, NULL) ON CONFLICT(sweep_id) DO NOTHING",
                ("$sweep", sweepId), ("$planned", Utc(plannedAt)), ("$deadline", Utc(deadline)));
            sweep.Transaction = transaction;
            if (await sweep.ExecuteNonQueryAsync(cancellationToken) == 0) return;
            foreach (var shard in shardIds)
            {
                using var row = Command("INSERT INTO sweep_shards VALUES ($sweep, $shard, NULL, NULL)", ("$sweep", sweepId), ("$shard", shard));
                row.Transaction = transaction;
                await row.ExecuteNonQueryAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    public async Task<SweepRecord?> GetSweepAsync(string sweepId, CancellationToken cancellationToken)
    {
        var sweep = await QueryAsync("SELECT planned_at, deadline, closed_at FROM sweeps WHERE sweep_id = $sweep", reader =>
            (Planned: Time(reader.GetString(0)), Deadline: Time(reader.GetString(1)),
                Closed: reader.IsDBNull(2) ? (DateTimeOffset?)null : Time(reader.GetString(2))),
            cancellationToken, ("$sweep", sweepId));
        if (sweep == default) return null;
        var shards = await QueryAllAsync("SELECT shard_id, result, done_at FROM sweep_shards WHERE sweep_id = $sweep ORDER BY shard_id", reader =>
            new ShardRecord(reader.GetString(0), reader.IsDBNull(1) ? null : LedgerJson.Result(reader.GetString(1)),
                reader.IsDBNull(2) ? null : Time(reader.GetString(2))), cancellationToken, ("$sweep", sweepId));
        return new SweepRecord(sweepId, sweep.Planned, sweep.Deadline, sweep.Closed, shards);
    }

    public async Task<bool> CompleteShardAsync(string sweepId, ShardResult result, DateTimeOffset at, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE sweep_shards SET result = $result, done_at = $at WHERE sweep_id = $sweep AND shard_id = $shard AND result IS NULL",
            cancellationToken, ("$sweep", sweepId), ("$shard", result.ShardId), ("$result", LedgerJson.Of(result)), ("$at", Utc(at))) > 0;

    public async Task<bool> TryCloseSweepAsync(string sweepId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await WriteAsync("UPDATE sweeps SET closed_at = $at WHERE sweep_id = $sweep AND closed_at IS NULL", cancellationToken,
            ("$sweep", sweepId), ("$at", Utc(at))) > 0;

    public async Task<IReadOnlyList<string>> ListOpenSweepsAsync(CancellationToken cancellationToken) =>
        await QueryAllAsync("SELECT sweep_id FROM sweeps WHERE closed_at IS NULL ORDER BY planned_at", reader => reader.GetString(0), cancellationToken);

    public Task AddNoticeAsync(string sweepId, Finding finding, CancellationToken cancellationToken) => WriteAsync(
        "INSERT INTO sweep_notices VALUES ($sweep, $owner, $fp, $finding) ON CONFLICT(sweep_id, owner, fingerprint) DO UPDATE SET finding = $finding",
        cancellationToken, ("$sweep", sweepId), ("$owner", (finding.Owner ?? "").ToLowerInvariant()), ("$fp", finding.Fingerprint),
        ("$finding", LedgerJson.Of(finding)));

    public async IAsyncEnumerable<Finding> ListNoticesAsync(string sweepId,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var notices = await QueryAllAsync("SELECT finding FROM sweep_notices WHERE sweep_id = $sweep ORDER BY owner, fingerprint",
            reader => LedgerJson.Finding(reader.GetString(0)), cancellationToken, ("$sweep", sweepId));
        foreach (var notice in notices) yield return notice;
    }

    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> ListWatermarksAsync(CancellationToken cancellationToken) =>
        (await QueryAllAsync("SELECT container_id, watermark FROM sampling_marks", reader => (reader.GetString(0), Time(reader.GetString(1))),
            cancellationToken)).ToDictionary(w => w.Item1, w => w.Item2, StringComparer.Ordinal);

    public Task<DateTimeOffset?> WatermarkAsync(string containerId, CancellationToken cancellationToken) => QueryAsync<DateTimeOffset?>(
        "SELECT watermark FROM sampling_marks WHERE container_id = $container", reader => Time(reader.GetString(0)), cancellationToken,
        ("$container", containerId));

    public async Task SetWatermarkAsync(string containerId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteAsync("INSERT INTO sampling_marks VALUES ($container, $at) ON CONFLICT(container_id) DO UPDATE SET watermark = $at", cancellationToken,
            ("$container", containerId), ("$at", Utc(at)));
        await WriteAsync("DELETE FROM object_reads WHERE container_id = $container AND version <= $at", cancellationToken,
            ("$container", containerId), ("$at", Utc(at)));
    }

    public Task RecordObjectReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken) => WriteAsync(
        "INSERT INTO object_reads VALUES ($container, $key, $version) ON CONFLICT(container_id, object_key) DO UPDATE SET version = $version",
        cancellationToken, ("$container", containerId), ("$key", key), ("$version", Utc(version)));

    public async Task<bool> WasReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken) =>
        await QueryAsync("SELECT 1 FROM object_reads WHERE container_id = $container AND object_key = $key AND version = $version", _ => true,
            cancellationToken, ("$container", containerId), ("$key", key), ("$version", Utc(version)));

    /// <summary>One transaction: the reading's rows (the window's has no container name, which no container has) replace any before.</summary>
    public async Task PublishChangesAsync(string log, DateTimeOffset asOf, ChangeReading reading, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var transaction = _connection.BeginTransaction();
            async Task Run(string sql, params (string Name, object? Value)[] parameters)
            {
                using var command = Command(sql, parameters);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            await Run("DELETE FROM change_readings WHERE log = $log AND (as_of = $asOf OR as_of < $forgotten)", ("$log", log), ("$asOf", Utc(asOf)),
                ("$forgotten", Utc(asOf.AddDays(-1))));
            const string Insert = "INSERT INTO change_readings VALUES ($log, $asOf, $container, $body)";
            foreach (var (container, changes) in reading.Containers)
                await Run(Insert, ("$log", log), ("$asOf", Utc(asOf)), ("$container", container), ("$body", LedgerJson.Of(changes)));
            await Run(Insert, ("$log", log), ("$asOf", Utc(asOf)), ("$container", ""), ("$body", LedgerJson.Of(reading.Window)));
            await transaction.CommitAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    public async Task<ChangeWindow?> GetChangeWindowAsync(string log, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        await ChangeRowAsync(log, asOf, "", cancellationToken) is { } body ? LedgerJson.Window(body) : null;

    public async Task<ChangedObjects?> GetChangesAsync(string log, DateTimeOffset asOf, string container, CancellationToken cancellationToken) =>
        container.Length > 0 && await ChangeRowAsync(log, asOf, container, cancellationToken) is { } body ? LedgerJson.Changes(body) : null;

    private Task<string?> ChangeRowAsync(string log, DateTimeOffset asOf, string container, CancellationToken cancellationToken) => QueryAsync(
        "SELECT body FROM change_readings WHERE log = $log AND as_of = $asOf AND container = $container", reader => reader.GetString(0),
        cancellationToken, ("$log", log), ("$asOf", Utc(asOf)), ("$container", container));

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }

    /// <summary>The first row mapped, or default when there is none. One connection, so every call is serialised.</summary>
    private async Task<T?> QueryAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Command(sql, parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? map(reader) : default;
        }
        finally { _gate.Release(); }
    }

    private async Task<List<T>> QueryAllAsync<T>(string sql, Func<SqliteDataReader, T> map, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Command(sql, parameters);
            using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken)) rows.Add(map(reader));
            return rows;
        }
        finally { _gate.Release(); }
    }

    /// <returns>The rows changed.</returns>
    private async Task<int> WriteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var command = Command(sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }
        finally { _gate.Release(); }
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
