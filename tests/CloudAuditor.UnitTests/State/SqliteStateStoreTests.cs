using CloudAuditor.Core.State;

namespace CloudAuditor.UnitTests.State;

public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ca-state-{Guid.NewGuid():N}", "state.db");
    private readonly List<SqliteStateStore> _stores = [];

    protected override Task<IStateStore> OpenAsync() => OpenAgainAsync();

    /// <summary>Another connection to the same file, as a second CLI process would open it.</summary>
    protected override Task<IStateStore> OpenAgainAsync()
    {
        var store = new SqliteStateStore(_path);
        _stores.Add(store);
        return Task.FromResult<IStateStore>(store);
    }

    protected override Task<int> StoredSharesAsync()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM endpoint_shares";
        return Task.FromResult(Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_store_made_before_findings_kept_their_data_class_is_migrated_and_keeps_its_rows()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE findings (fingerprint TEXT PRIMARY KEY, check_id TEXT NOT NULL, resource_id TEXT NOT NULL, status TEXT NOT NULL,
                    severity TEXT NOT NULL, first_seen TEXT NOT NULL, last_seen TEXT NOT NULL);
                INSERT INTO findings VALUES ('ab12', 'azure.container.public-access', 'https://a/c', 'Fail', 'High', '2026-01-01T00:00:00.0000000+00:00',
                    '2026-01-02T00:00:00.0000000+00:00');
                """;
            create.ExecuteNonQuery();
        }

        var store = await OpenAsync();

        var kept = await store.GetFindingAsync("ab12", CancellationToken.None);
        Assert.Equal(("azure.container.public-access", (string?)null), (kept!.CheckId, kept.DataClass));
    }

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
