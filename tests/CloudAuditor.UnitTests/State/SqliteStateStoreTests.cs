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

    public void Dispose()
    {
        foreach (var store in _stores) store.Dispose();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
