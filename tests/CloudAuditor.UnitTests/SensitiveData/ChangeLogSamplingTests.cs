using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using CloudAuditor.SensitiveData.Sampling;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.SensitiveData;

public sealed class ChangeLogSamplingTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"cloudauditor-changelog-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    /// <summary>A store whose change log is empty, and which says how many of the newest changes it was asked for.</summary>
    private sealed class ChangeLogStore : IObjectStore
    {
        public List<int> Asked { get; } = [];

        public ContentChecks Checks => ContentChecks.AzureBlob;

        public Task<ChangedObjects?> ChangesSinceAsync(DateTimeOffset since, int newest, CancellationToken cancellationToken)
        {
            Asked.Add(newest);
            return Task.FromResult<ChangedObjects?>(new ChangedObjects([], 0, DateTimeOffset.UtcNow));
        }

        public Task<ListingPage> ListLevelAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken) =>
            Task.FromResult(new ListingPage([], [], null));

        public Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<Stream> OpenRangeAsync(string key, long length, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(20, 64)]
    [InlineData(50, 150)]
    public async Task The_change_log_is_asked_for_enough_of_the_newest_changes_to_fill_the_sample(int sample, int asked)
    {
        using var history = new SqliteStateStore(_path);
        var container = Subjects.Container(ContainerAccessLevel.None);
        await history.SetWatermarkAsync(container.Resource.Id, DateTimeOffset.UtcNow.AddDays(-1), CancellationToken.None);
        var store = new ChangeLogStore();
        var sampler = ContainerSampler.Create(new SamplingSettings { ObjectsPerContainer = sample }, NullLogger.Instance, history);

        await foreach (var _ in sampler.SampleAsync(container, store, CancellationToken.None)) { }

        Assert.Equal([asked], store.Asked);
    }
}
