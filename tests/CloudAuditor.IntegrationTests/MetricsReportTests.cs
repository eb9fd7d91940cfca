using System.Globalization;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CloudAuditor.IntegrationTests;

/// <summary>`report metrics` over the history real sweeps leave: a container found public, fixed by someone, and the figures that follow.</summary>
[Collection(EmulatorCollection.Name)]
public sealed class MetricsReportTests(Emulators emulators) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-metrics-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_container_opened_then_fixed_outside_the_tool_shows_as_a_detection_and_a_closed_finding()
    {
        var name = Sweeps.Unique("metrics");
        var container = new BlobContainerClient(emulators.AzuriteConnectionString, name);
        await container.CreateAsync(PublicAccessType.BlobContainer);
        await container.UploadBlobAsync("a.txt", BinaryData.FromString("hello"));
        var config = Path.Combine(_dir, "cloudauditor.yaml");
        await File.WriteAllTextAsync(config, $"""
            sampling: {"{"} enabled: false {"}"}
            azure:
              - name: azurite
                connectionString: "{emulators.AzuriteConnectionString}"
                containers: [{name}]
            remediation:
              exemptions:
                - resource: "*/soon"
                  reason: campaign site until the launch
                  expires: {DateTime.UtcNow.AddDays(10):yyyy-MM-dd}
            state: {"{"} sqlitePath: state.db {"}"}
            """);

        Assert.Equal(1, (await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl", "--fail-on", "high")).Exit);
        await container.SetAccessPolicyAsync(PublicAccessType.None);
        Assert.Equal(0, (await CliTests.RunAsync("sweep", "--config", config, "--format", "jsonl")).Exit);
        var (exit, stdout, stderr) = await CliTests.RunAsync("report", "metrics", "--config", config, "--format", "json");

        Assert.Equal(0, exit);
        Assert.Contains("1 closed, 0 open", stderr);
        using var metrics = JsonDocument.Parse(stdout);
        var thisWeek = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-(((int)DateTime.UtcNow.DayOfWeek + 6) % 7));
        var detection = Assert.Single(metrics.RootElement.GetProperty("detections").EnumerateArray());
        Assert.Equal(thisWeek.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), detection.GetProperty("week").GetString());
        Assert.Equal("exposure", detection.GetProperty("type").GetString());
        var critical = metrics.RootElement.GetProperty("remediation").EnumerateArray().Single(r => r.GetProperty("severity").GetString() == "critical");
        Assert.Equal((1, 1, 100.0), (critical.GetProperty("opened").GetInt32(), critical.GetProperty("closed").GetInt32(),
            critical.GetProperty("withinSlaPercent").GetDouble()));
        Assert.Equal("*/soon", Assert.Single(metrics.RootElement.GetProperty("expiringExemptions").EnumerateArray()).GetProperty("resource").GetString());
        // Azurite has no ARM: retention is not read, so no class is judged (and none is counted compliant).
        Assert.Empty(metrics.RootElement.GetProperty("retention").EnumerateArray());
        // Sampling was off: the container is known, its content never inspected.
        var sampling = metrics.RootElement.GetProperty("sampling");
        Assert.Equal((0, 1), (sampling.GetProperty("sampled").GetInt32(), sampling.GetProperty("known").GetInt32()));

        var (csvExit, csv, _) = await CliTests.RunAsync("report", "metrics", "--config", config, "--format", "csv", "--since",
            DateTime.UtcNow.AddDays(-7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal(0, csvExit);
        Assert.StartsWith("metric,period,type,severity,value,resource,detail\n", csv);
        Assert.Contains("closed,,,critical,1,,", csv);
    }
}
