using CloudAuditor.Core.State;

namespace CloudAuditor.UnitTests.State;

public sealed class SqliteStateStoreTests : StateStoreContract, IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ca-state-{Guid.NewGuid():N}", "state.db");
    private SqliteStateStore? _store;

    protected override Task<IStateStore> OpenAsync() => Task.FromResult<IStateStore>(_store = new SqliteStateStore(_path));

    public void Dispose()
    {
        _store?.Dispose();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
