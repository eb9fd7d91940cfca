using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The faults of <see cref="AzureFaultInjectionTests"/> through the Functions handler, per function: a gap a retry can
/// close (unreachable, throttled, timed out) fails the invocation (500, and 503 to an HTTP caller) so the host retries
/// and finally poisons the message; a permanent one (a rejected key) completes with the reason logged.
/// </summary>
public sealed class FunctionsFaultTests : IAsyncLifetime
{
    private PrivateAzurite _azurite = null!;
    private FaultProxy _proxy = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-functions-faults-").FullName;
    private readonly int _deadPort = Emulators.FreePort();
    private readonly List<IDisposable> _apps = [];

    public async Task InitializeAsync()
    {
        _azurite = await PrivateAzurite.StartAsync();
        _proxy = new FaultProxy(_azurite.BlobPort);
        var container = new BlobServiceClient(_azurite.ConnectionString).GetBlobContainerClient("open");
        await container.CreateAsync(PublicAccessType.Blob);
        await container.UploadBlobAsync("a.txt", BinaryData.FromString("hello"));
    }

    public async Task DisposeAsync()
    {
        foreach (var app in _apps) app.Dispose();
        _proxy.Dispose();
        await _azurite.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string DeadEndpoint => $"http://127.0.0.1:{_deadPort}";

    /// <summary>The handler with an Azure target behind the proxy, one with a wrong key, and an AWS target nobody answers for.</summary>
    private HttpClient App(string state = "sqlitePath: state.db", string? queueStorage = null)
    {
        var config = Path.Combine(_dir, $"cloudauditor-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, $"""
            sweep:
              maxRetries: 1
              requestTimeoutSeconds: 5
            azure:
              - name: azurite
                connectionString: "{PrivateAzurite.ConnectionStringVia(_proxy.Port)}"
              - name: wrongkey
                connectionString: "{PrivateAzurite.ConnectionStringVia(_proxy.Port, Convert.ToBase64String(new byte[64]))}"
            aws:
              - name: s3down
                serviceUrl: {DeadEndpoint}
                forcePathStyle: true
                accessKeyId: S3RVER
                secretAccessKey: S3RVER
                buckets: [reports]
            state:
              {state}
            """);
        var app = new WebApplicationFactory<CloudAuditor.Functions.Functions>().WithWebHostBuilder(web => web
            .UseSetting("CLOUDAUDITOR_CONFIG", config)
            .UseSetting("AuditorStorage", queueStorage
                ?? $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Emulators.AzuriteAccountKey};QueueEndpoint={DeadEndpoint}/devstoreaccount1;"));
        _apps.Add(app);
        var client = app.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(2);
        return client;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(HttpClient http, string function, object payload)
    {
        using var response = await http.PostAsync($"/{function}", new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? []);
    }

    private static object Queued(object message) => new { Data = new { message = JsonSerializer.Serialize(message) }, Metadata = new { DequeueCount = 1 } };

    private static object HttpRequest(string method, string body = "", string query = "{}") => new
    {
        Data = new { req = new { Url = "http://localhost:7071/api/x", Method = method, Query = query, Headers = new { }, Params = new { }, Body = body } },
        Metadata = new { },
    };

    private static string Logs(JsonObject body) => string.Join(" | ", body["logs"]!.AsArray().Select(l => l!.GetValue<string>()));

    private static int ResStatus(JsonObject body) => body["outputs"]!["res"]!["statusCode"]!.GetValue<int>();

    private static object ContainerWritten(string container)
    {
        var resourceUri = $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1/blobServices/default/containers/{container}";
        return new
        {
            Data = new { @event = new { eventType = "Microsoft.Resources.ResourceWriteSuccess", subject = resourceUri, data = new { resourceUri } } },
            Metadata = new { },
        };
    }

    private static string S3ObjectCreated(string bucket) => JsonSerializer.Serialize(new
    {
        Records = new[] { new { eventName = "ObjectCreated:Put", s3 = new { bucket = new { name = bucket }, @object = new { key = "people.csv" } } } },
    });

    [Fact]
    public async Task ScanTarget_with_its_storage_throttled_beyond_every_retry_fails_so_the_host_retries()
    {
        _proxy.Rule = _ => InjectedFault.Throttle(503, "ServerBusy") with { RetryAfter = "0" };
        var (status, body) = await InvokeAsync(App(), "ScanTarget", Queued(new { target = "azurite" }));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("incomplete, retrying", Logs(body));
        Assert.Contains("throttled", Logs(body));
    }

    [Fact]
    public async Task ScanTarget_with_a_rejected_key_completes_and_logs_that_a_retry_would_not_help()
    {
        var (status, body) = await InvokeAsync(App(), "ScanTarget", Queued(new { target = "wrongkey" }));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("a retry would not help", Logs(body));
        Assert.Contains("account key was rejected", Logs(body));
    }

    [Fact]
    public async Task ScanTarget_against_an_unreachable_s3_fails_so_the_host_retries()
    {
        var (status, body) = await InvokeAsync(App(), "ScanTarget", Queued(new { target = "s3down" }));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("not audited", Logs(body));
    }

    [Fact]
    public async Task StorageEvents_for_a_container_while_the_account_answers_500_fails_so_event_grid_redelivers_and_succeeds_once_healed()
    {
        _proxy.Rule = _ => new InjectedFault(500, "<Error><Code>InternalError</Code></Error>", null);
        var (status, body) = await InvokeAsync(App(), "StorageEvents", ContainerWritten("open"));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("incomplete, retrying", Logs(body));

        _proxy.Rule = _ => null;
        var (healed, healedBody) = await InvokeAsync(App(), "StorageEvents", ContainerWritten("open"));
        Assert.Equal(HttpStatusCode.OK, healed);
        Assert.DoesNotContain("incomplete", Logs(healedBody));
    }

    [Fact]
    public async Task AwsEvents_with_s3_down_answers_503_so_eventbridge_retries_and_the_invocation_fails()
    {
        var (status, body) = await InvokeAsync(App(), "AwsEvents", HttpRequest("POST", S3ObjectCreated("reports")));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(503, ResStatus(body));
        Assert.Contains("incomplete, retrying", Logs(body));
    }

    [Fact]
    public async Task AwsEventsQueue_with_s3_down_fails_so_the_message_is_retried_then_poisoned()
    {
        var (status, body) = await InvokeAsync(App(), "AwsEventsQueue", Queued(JsonNode.Parse(S3ObjectCreated("reports"))!));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("incomplete, retrying", Logs(body));
    }

    [Fact]
    public async Task SweepTimer_with_its_queue_unreachable_fails_with_the_reason()
    {
        var (status, body) = await InvokeAsync(App(), "SweepTimer", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Contains("failed: no connection", Logs(body));
    }

    [Fact]
    public async Task ReportExport_and_Health_with_the_state_store_unreachable_answer_503_with_the_reason()
    {
        var http = App(state: $"tableConnectionString: " +
            $"\"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Emulators.AzuriteAccountKey};TableEndpoint={DeadEndpoint}/devstoreaccount1;\"");

        var (status, body) = await InvokeAsync(http, "ReportExport", HttpRequest("GET", query: "{\"format\":\"json\"}"));
        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(503, ResStatus(body));
        Assert.Contains("failed: the state store could not be opened: no connection", Logs(body));

        var (healthStatus, health) = await InvokeAsync(http, "Health", HttpRequest("GET"));
        Assert.Equal(HttpStatusCode.OK, healthStatus);
        Assert.Equal(503, ResStatus(health));
        Assert.Contains("unhealthy: the state store could not be opened", Logs(health));
    }
}
