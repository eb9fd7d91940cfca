using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>Two enforce runs at once on one estate and one state store, as two cron jobs or two Functions instances would start them.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class ConcurrentEnforceTests(Emulators emulators) : IDisposable
{
    private const int Trials = 20;

    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-concurrent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_concurrent_enforce_runs_remediate_each_public_container_exactly_once_and_roll_back_cleanly()
    {
        for (var trial = 0; trial < Trials; trial++)
        {
            var containers = new List<BlobContainerClient>();
            for (var i = 0; i < 3; i++)
            {
                var container = new BlobContainerClient(emulators.AzuriteConnectionString, Sweeps.Unique($"race{trial}"));
                await container.CreateAsync(PublicAccessType.Blob);
                await container.UploadBlobAsync("a.txt", BinaryData.FromString("hello"));
                containers.Add(container);
            }
            var configPath = Path.Combine(_dir, $"trial{trial}.yaml");
            var config = ConfigLoader.Parse($"""
                sweep: {"{"} maxRetries: 1 {"}"}
                sampling: {"{"} enabled: false {"}"}
                azure:
                  - name: azurite
                    connectionString: "{emulators.AzuriteConnectionString}"
                    containers: [{string.Join(", ", containers.Select(c => c.Name))}]
                remediation: {"{"} mode: enforce, checks: [azure.container.public-access], maxChanges: 50 {"}"}
                state: {"{"} sqlitePath: state-{trial}.db {"}"}
                """);

            var outputs = new[] { new CollectingFindingSink(), new CollectingFindingSink() };
            await using var first = await AuditorRuntime.OpenAsync(config, configPath, NullLoggerFactory.Instance, CancellationToken.None);
            await using var second = await AuditorRuntime.OpenAsync(config, configPath, NullLoggerFactory.Instance, CancellationToken.None);
            await Task.WhenAll(first.SweepAsync(new SweepRequest(outputs[0]), CancellationToken.None),
                second.SweepAsync(new SweepRequest(outputs[1]), CancellationToken.None));

            var journal = Journal(Path.Combine(_dir, $"state-{trial}.db"));
            foreach (var container in containers)
            {
                var entries = journal.Where(j => j.ResourceId.EndsWith($"/{container.Name}", StringComparison.Ordinal)).ToList();
                var entry = Assert.Single(entries);
                Assert.Equal("Verified", entry.Status);
                var statuses = outputs.SelectMany(o => o.Findings).Where(f => f.CheckId == "azure.container.public-access"
                    && f.Resource.Container == container.Name)
                    .Select(f => f.Status).Order().ToList();
                Assert.Equal([FindingStatus.Pass, FindingStatus.Remediated], statuses);
                Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);

                var rollback = await first.RollbackAsync(entry.Id, CancellationToken.None);
                Assert.Equal(RollbackOutcome.RolledBack, rollback.Outcome);
                Assert.Equal(PublicAccessType.Blob, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
            }
            Assert.All(Journal(Path.Combine(_dir, $"state-{trial}.db")), j => Assert.Equal("RolledBack", j.Status));
            foreach (var container in containers) await container.DeleteAsync();
        }
    }

    private static List<(string Id, string ResourceId, string Status)> Journal(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, resource_id, status FROM remediations";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read()) rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
