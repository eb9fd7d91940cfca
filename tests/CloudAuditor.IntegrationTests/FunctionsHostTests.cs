using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The Functions app end to end under the WebJobs-based test host: host.json and every function.json as written, the built
/// handler started by the host, timers, queues (retries, poison), HTTP routes with keys and Event Grid deliveries, against
/// emulators of this class's own (so no other test's queue messages reach these listeners).
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FunctionsHostTests(FunctionsHostTests.OwnEmulators own, ITestOutputHelper output)
    : IClassFixture<FunctionsHostTests.OwnEmulators>, IAsyncLifetime
{
    private const string PeopleCsv = "name,email,ssn\nAda,ada@example.com,536-22-8726\n";
    private const string Never = "0 0 0 1 1 *";
    private const string SubscriptionPath = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage";

    private readonly Emulators _emulators = own.Emulators;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-hosttests-").FullName;
    private readonly string _bucket = Sweeps.Unique("host");
    private readonly List<FunctionsHostProcess> _hosts = [];
    private readonly List<IDisposable> _disposables = [];

    /// <summary>Azurite, s3rver and maildev for this class alone.</summary>
    public sealed class OwnEmulators : IAsyncLifetime
    {
        public Emulators Emulators { get; } = new();

        public Task InitializeAsync() => Emulators.InitializeAsync();

        public Task DisposeAsync() => Emulators.DisposeAsync();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        foreach (var disposable in _disposables) disposable.Dispose();
        // Queues are shared by the hosts of this class: what one test left must not reach the next one's listeners.
        var queues = new QueueServiceClient(_emulators.AzuriteConnectionString);
        await foreach (var queue in queues.GetQueuesAsync()) await queues.GetQueueClient(queue.Name).ClearMessagesAsync();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The app's configuration, with the Azure account reached through the connection string given (a proxy) if any.</summary>
    private string Config(string? azureConnection = null, string? notify = null) =>
        FunctionsAppConfig.Write(_dir, _emulators, _bucket, $"h{Guid.NewGuid().ToString("N")[..10]}", azureConnection, notify);

    private async Task<FunctionsHostProcess> HostAsync(string config, string schedule = Never, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = _emulators.AzuriteConnectionString,
            ["AuditorStorage"] = _emulators.AzuriteConnectionString,
            ["CLOUDAUDITOR_CONFIG"] = config,
            ["SWEEP_SCHEDULE"] = schedule,
        };
        foreach (var (key, value) in extra) settings[key] = value;
        var host = await FunctionsHostProcess.StartAsync(settings, output);
        _hosts.Add(host);
        return host;
    }

    private async Task<BlobContainerClient> ContainerAsync(PublicAccessType access, string? blob = null)
    {
        var container = new BlobContainerClient(_emulators.AzuriteConnectionString, Sweeps.Unique("host"));
        await container.CreateAsync(access);
        if (blob is not null) await container.UploadBlobAsync(blob, BinaryData.FromString(PeopleCsv));
        return container;
    }

    private QueueClient Queue(string name) =>
        new(_emulators.AzuriteConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });

    /// <summary>A message as the app's own senders write it (base64), into a queue made if missing.</summary>
    private async Task SendAsync(string queueName, string message)
    {
        var queue = Queue(queueName);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(message);
    }

    private static StringContent Json(object body, string mediaType = "application/json") =>
        new(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, mediaType);

    private static HttpRequestMessage EventGrid(FunctionsHostProcess host, string type, object body, string? key = null) =>
        new(HttpMethod.Post, $"runtime/webhooks/eventgrid?functionName=StorageEvents&code={Uri.EscapeDataString(key ?? host.EventGridKey)}")
        {
            Headers = { { "aeg-event-type", type } },
            Content = Json(body),
        };

    private static object WriteEvent(string container) => new[]
    {
        new
        {
            id = Guid.NewGuid(),
            topic = "/subscriptions/00000000-1111-2222-3333-444444444444",
            subject = $"{SubscriptionPath}/storageAccounts/devstoreaccount1/blobServices/default/containers/{container}",
            eventType = "Microsoft.Resources.ResourceWriteSuccess",
            eventTime = DateTimeOffset.UtcNow,
            data = new
            {
                resourceUri = $"{SubscriptionPath}/storageAccounts/devstoreaccount1/blobServices/default/containers/{container}",
                operationName = "Microsoft.Storage/storageAccounts/blobServices/containers/write",
                status = "Succeeded",
            },
            dataVersion = "2",
            metadataVersion = "1",
        },
    };

    private static bool Has(string line, params string[] parts) => parts.All(p => line.Contains(p, StringComparison.Ordinal));

    [Fact]
    public async Task The_timer_fires_on_its_app_setting_schedule_and_the_queue_shards_close_the_sweep()
    {
        var container = await ContainerAsync(PublicAccessType.BlobContainer, "people.csv");
        var host = await HostAsync(Config(), schedule: "*/2 * * * * *");

        var closed = await host.WaitForLineAsync(l => Has(l, "Function.ScanTarget.User", "closed sweep"), TimeSpan.FromSeconds(90));
        Assert.Contains("2/2 shard(s) finished", closed);
        Assert.True(host.Count(l => Has(l, "Function.SweepTimer.User", "enqueued 2 shard(s) of 2 target(s)")) >= 1, host.Tail(40));
        await host.WaitForLineAsync(l => Has(l, "target azurite (attempt 1)"), TimeSpan.FromSeconds(10));
        Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
    }

    [Fact]
    public async Task A_shard_that_keeps_failing_is_tried_max_dequeue_count_times_and_lands_in_the_poison_queue_with_each_reason_logged()
    {
        var dead = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Emulators.AzuriteAccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{Emulators.FreePort()}/devstoreaccount1;";
        var host = await HostAsync(Config(dead), extra: ("AzureFunctionsJobHost__extensions__queues__visibilityTimeout", "00:00:00"));
        await SendAsync("sweep-targets", JsonSerializer.Serialize(new { target = "azurite" }));

        var poison = Queue("sweep-targets-poison");
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (!(await poison.ExistsAsync()).Value || (await poison.PeekMessagesAsync()).Value.Length == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"nothing reached the poison queue; host log:\n{host.Tail(60)}");
            await Task.Delay(200);
        }
        Assert.Contains("azurite", Assert.Single((await poison.PeekMessagesAsync(maxMessages: 10)).Value).Body.ToString());
        // host.json's maxDequeueCount (5): five executions, each failed, and the handler's reason for each in the host log.
        Assert.Equal(5, (await host.WaitForLinesAsync(l => Has(l, "Executed 'Functions.ScanTarget' (Failed"), 5, TimeSpan.FromSeconds(10))).Count);
        for (var attempt = 1; attempt <= 5; attempt++)
            await host.WaitForLineAsync(l => Has(l, "[handler]", $"target azurite (attempt {attempt})", "incomplete, retrying"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task An_invocation_past_function_timeout_is_cancelled_and_counted_failed()
    {
        var stalled = new FaultProxy(_emulators.BlobPort) { Gate = new TaskCompletionSource().Task };
        _disposables.Add(stalled);
        var config = Config(_emulators.AzuriteConnectionString.Replace($":{_emulators.BlobPort}/", $":{stalled.Port}/", StringComparison.Ordinal));
        var host = await HostAsync(config, extra: ("AzureFunctionsJobHost__functionTimeout", "00:00:02"));
        await SendAsync("sweep-targets", JsonSerializer.Serialize(new { target = "azurite" }));

        await host.WaitForLineAsync(l => Has(l, "Timeout value of 00:00:02 exceeded by function 'Functions.ScanTarget'"), TimeSpan.FromSeconds(60));
        await host.WaitForLineAsync(l => Has(l, "Executed 'Functions.ScanTarget' (Failed", "timed out"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Event_grid_validates_the_subscription_and_a_blob_created_delivery_samples_the_blob_for_the_report()
    {
        var host = await HostAsync(Config());
        var validation = new[] { new { id = "1", eventType = "Microsoft.EventGrid.SubscriptionValidationEvent", subject = "", eventTime = DateTimeOffset.UtcNow,
            data = new { validationCode = "512d38b6-c7b8-40c8-89fe-f46f9e9622b6" }, dataVersion = "2", metadataVersion = "1" } };
        using (var refused = await host.Http.SendAsync(EventGrid(host, "SubscriptionValidation", validation, key: "wrong")))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        using (var validated = await host.Http.SendAsync(EventGrid(host, "SubscriptionValidation", validation)))
        {
            Assert.Equal(HttpStatusCode.OK, validated.StatusCode);
            var answer = JsonNode.Parse(await validated.Content.ReadAsStringAsync())!;
            Assert.Equal("512d38b6-c7b8-40c8-89fe-f46f9e9622b6", answer["validationResponse"]!.ToString());
        }

        var container = await ContainerAsync(PublicAccessType.None, "incoming/people.csv");
        var created = new[]
        {
            new
            {
                id = Guid.NewGuid(), topic = $"{SubscriptionPath}/storageAccounts/devstoreaccount1",
                subject = $"/blobServices/default/containers/{container.Name}/blobs/incoming/people.csv", eventType = "Microsoft.Storage.BlobCreated",
                eventTime = DateTimeOffset.UtcNow, dataVersion = "", metadataVersion = "1",
                data = new { api = "PutBlob", contentType = "text/csv", contentLength = PeopleCsv.Length, blobType = "BlockBlob",
                    url = container.GetBlobClient("incoming/people.csv").Uri.ToString() },
            },
        };
        using (var delivered = await host.Http.SendAsync(EventGrid(host, "Notification", created)))
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        await host.WaitForLineAsync(l => Has(l, "Function.StorageEvents.User", $"new blob in {container.Name}"), TimeSpan.FromSeconds(10));

        using var report = await host.Http.GetAsync($"api/reports/findings?format=csv&code={Uri.EscapeDataString(host.FunctionKey)}");
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.StartsWith("text/csv", report.Content.Headers.ContentType?.ToString());
        var csv = await report.Content.ReadAsStringAsync();
        Assert.Contains($"azure.blob.sensitive-data,{container.Uri}", csv);
        Assert.DoesNotContain("536-22-8726", csv);
        Assert.DoesNotContain("536-22-8726", host.Tail(int.MaxValue));
    }

    [Fact]
    public async Task Cloud_events_are_validated_by_the_options_handshake_and_delivered()
    {
        var host = await HostAsync(Config());
        using var handshake = new HttpRequestMessage(HttpMethod.Options, $"runtime/webhooks/eventgrid?functionName=StorageEvents&code={host.EventGridKey}")
        {
            Headers = { { "WebHook-Request-Origin", "eventgrid.azure.net" } },
        };
        using (var answered = await host.Http.SendAsync(handshake))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            Assert.Equal("eventgrid.azure.net", answered.Headers.GetValues("WebHook-Allowed-Origin").Single());
        }

        var container = await ContainerAsync(PublicAccessType.None, "people.csv");
        var cloudEvent = new
        {
            specversion = "1.0", type = "Microsoft.Storage.BlobCreated", source = $"{SubscriptionPath}/storageAccounts/devstoreaccount1",
            subject = $"/blobServices/default/containers/{container.Name}/blobs/people.csv", id = Guid.NewGuid(), time = DateTimeOffset.UtcNow,
            data = new { api = "PutBlob", url = container.GetBlobClient("people.csv").Uri.ToString() },
        };
        using var delivery = new HttpRequestMessage(HttpMethod.Post, $"runtime/webhooks/eventgrid?functionName=StorageEvents&code={host.EventGridKey}")
        {
            Content = Json(cloudEvent, "application/cloudevents+json"),
        };
        using var delivered = await host.Http.SendAsync(delivery);
        Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
        await host.WaitForLineAsync(l => Has(l, "Function.StorageEvents.User", $"new blob in {container.Name}"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_resource_write_event_remediates_and_verifies_a_public_container_and_the_latency_is_measured()
    {
        var host = await HostAsync(Config());
        var count = int.TryParse(Environment.GetEnvironmentVariable("CLOUDAUDITOR_LATENCY_EVENTS"), out var n) ? n : 50;
        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var container = await ContainerAsync(PublicAccessType.BlobContainer);
            var clock = Stopwatch.StartNew();
            using var delivered = await host.Http.SendAsync(EventGrid(host, "Notification", WriteEvent(container.Name)));
            clock.Stop();
            Assert.Equal(HttpStatusCode.Accepted, delivered.StatusCode);
            // The delivery is answered when the invocation has ended: remediated and verified by then.
            Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
            latencies.Add(clock.Elapsed.TotalMilliseconds);
        }
        await host.WaitForLinesAsync(l => Has(l, "Function.StorageEvents.User", "1 remediated"), count, TimeSpan.FromSeconds(10));
        latencies.Sort();
        double Percentile(double p) => latencies[(int)Math.Ceiling(p * latencies.Count) - 1];
        output.WriteLine($"event -> remediated and verified over {count} events through the host: p50 {Percentile(0.5):F0} ms, " +
            $"p95 {Percentile(0.95):F0} ms, max {latencies[^1]:F0} ms");
    }

    [Fact]
    public async Task Aws_events_arrive_over_http_with_a_function_key_and_through_the_queue()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = _emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "exports/people.csv", ContentBody = PeopleCsv, UseChunkEncoding = false });
        var notification = JsonSerializer.Serialize(new
        {
            Records = new[]
            {
                new
                {
                    eventVersion = "2.1", eventSource = "aws:s3", awsRegion = "us-east-1", eventTime = DateTimeOffset.UtcNow, eventName = "ObjectCreated:Put",
                    s3 = new { s3SchemaVersion = "1.0", bucket = new { name = _bucket },
                        @object = new { key = "exports/people.csv", size = PeopleCsv.Length } },
                },
            },
        });
        var host = await HostAsync(Config());

        using (var unkeyed = await host.Http.PostAsync("api/aws/events", Json(notification))) Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        using var keyed = new HttpRequestMessage(HttpMethod.Post, "api/aws/events")
        {
            Content = Json(notification),
            Headers = { { "x-functions-key", host.FunctionKey } },
        };
        using (var accepted = await host.Http.SendAsync(keyed))
        {
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            Assert.Contains($"new object in {_bucket}", await accepted.Content.ReadAsStringAsync());
        }

        await SendAsync("aws-events", notification);
        await host.WaitForLineAsync(l => Has(l, "Function.AwsEventsQueue.User", $"new object in {_bucket}"), TimeSpan.FromSeconds(60));
        await host.WaitForLineAsync(l => Has(l, "Executed 'Functions.AwsEventsQueue' (Succeeded"), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Http_routes_honour_the_route_prefix_methods_and_function_keys()
    {
        var host = await HostAsync(Config());
        using (var health = await host.Http.GetAsync("api/health"))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("healthy", JsonNode.Parse(await health.Content.ReadAsStringAsync())!["status"]!.ToString());
        }
        using (var wrongMethod = await host.Http.PostAsync("api/health", Json("{}"))) Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        using (var noPrefix = await host.Http.GetAsync("health")) Assert.Equal(HttpStatusCode.NotFound, noPrefix.StatusCode);
        using (var unknown = await host.Http.GetAsync("api/nothing")) Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using (var noKey = await host.Http.GetAsync("api/reports/findings")) Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
        using (var wrongKey = await host.Http.GetAsync("api/dashboard?code=nope")) Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        using (var json = await host.Http.GetAsync($"api/reports/findings?code={Uri.EscapeDataString(host.MasterKey)}"))
        {
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            Assert.IsType<JsonArray>(JsonNode.Parse(await json.Content.ReadAsStringAsync()));
        }
        using (var dashboard = await host.Http.GetAsync($"api/dashboard?days=30&code={Uri.EscapeDataString(host.FunctionKey)}"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
            Assert.StartsWith("text/html", dashboard.Content.Headers.ContentType?.ToString());
        }
        using var badDays = await host.Http.GetAsync($"api/dashboard?days=forever&code={Uri.EscapeDataString(host.FunctionKey)}");
        Assert.Equal(HttpStatusCode.BadRequest, badDays.StatusCode);
        Assert.Contains("days must be a whole number", await badDays.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bad_input_on_every_trigger_ends_in_a_definite_answer_and_nothing_is_retried_that_a_retry_cannot_cure()
    {
        var host = await HostAsync(Config());
        var key = Uri.EscapeDataString(host.FunctionKey);

        using (var notJson = await host.Http.PostAsync($"api/aws/events?code={key}", Json("[not json")))
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        // Larger than the handler takes for this trigger, though within the host's 100 MB: refused in words, not a broken connection.
        var records = string.Join(",", Enumerable.Repeat("{}", 1_500_000));
        using (var huge = await host.Http.PostAsync($"api/aws/events?code={key}", Json($"{{\"Records\":[{records}]}}")))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
            Assert.Contains("its trigger can deliver", await huge.Content.ReadAsStringAsync());
        }
        // A wrongly typed event completes (202) with the reason logged: Event Grid would otherwise redeliver it for a day.
        var wrongType = new[] { new { id = "1", eventType = 42, subject = "x", eventTime = DateTimeOffset.UtcNow, data = new { }, dataVersion = "1" } };
        using (var typed = await host.Http.SendAsync(EventGrid(host, "Notification", wrongType)))
            Assert.Equal(HttpStatusCode.Accepted, typed.StatusCode);
        await host.WaitForLineAsync(l => Has(l, "Function.StorageEvents.User", "rejected: 'eventType' must be text, not a number"), TimeSpan.FromSeconds(10));

        // A queue message that is not JSON completes with the reason and is not poisoned.
        await SendAsync("aws-events", "this is not an event");
        await host.WaitForLineAsync(l => Has(l, "Function.AwsEventsQueue.User", "rejected:"), TimeSpan.FromSeconds(60));
        await host.WaitForLineAsync(l => Has(l, "Executed 'Functions.AwsEventsQueue' (Succeeded"), TimeSpan.FromSeconds(10));
        Assert.False((await Queue("aws-events-poison").ExistsAsync()).Value);
    }

    [Fact]
    public async Task A_handler_killed_mid_shard_is_started_again_and_the_redelivery_finishes_the_sweep_with_one_digest_and_the_same_findings()
    {
        var gate = new TaskCompletionSource();
        var stalled = new FaultProxy(_emulators.BlobPort) { Gate = gate.Task };
        _disposables.Add(stalled);
        var container = await ContainerAsync(PublicAccessType.BlobContainer, "people.csv");
        using (var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = _emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" }))
            await s3.PutBucketAsync(_bucket);
        var owner = $"{Guid.NewGuid():N}@contoso.example";
        var config = Config(_emulators.AzuriteConnectionString.Replace($":{_emulators.BlobPort}/", $":{stalled.Port}/", StringComparison.Ordinal), owner);
        var host = await HostAsync(config, extra: ("AzureFunctionsJobHost__extensions__queues__visibilityTimeout", "00:00:00"));

        // The timer's sweep, run through the admin API: two shards; the Azure one stalls behind the proxy, the S3 one finishes.
        var started = DateTimeOffset.UtcNow;
        var sweepId = await RunTimerAsync(host);
        await host.WaitForLineAsync(l => Has(l, "Function.ScanTarget.User", $"{sweepId} target s3rver"), TimeSpan.FromSeconds(60));
        var first = host.HandlerPid;
        Process.GetProcessById(first).Kill(entireProcessTree: true);
        await host.WaitForLineAsync(l => Has(l, "Executed 'Functions.ScanTarget' (Failed"), TimeSpan.FromSeconds(30));
        gate.SetResult();

        var closed = await host.WaitForLineAsync(l => Has(l, "Function.ScanTarget.User", $"closed sweep {sweepId}"), TimeSpan.FromSeconds(90));
        Assert.Contains("2/2 shard(s) finished", closed);
        Assert.NotEqual(first, host.HandlerPid);
        Assert.Contains(host.Lines, l => Has(l, $"Custom handler (pid {first}) exited"));
        Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
        Assert.Single(await MailsToAsync(owner, expected: 1));
        var interrupted = await FingerprintsSeenSinceAsync(host, started);

        // The same sweep uninterrupted finds the same findings (the container now private, so nothing to remediate or notify).
        var again = DateTimeOffset.UtcNow;
        var uninterrupted = await RunTimerAsync(host);
        await host.WaitForLineAsync(l => Has(l, "Function.ScanTarget.User", $"closed sweep {uninterrupted}"), TimeSpan.FromSeconds(90));
        Assert.Equal(interrupted.Order(), (await FingerprintsSeenSinceAsync(host, again)).Order());
        Assert.Single(host.Lines, l => Has(l, "Function.ScanTarget.User", "1 remediated"));
        Assert.Single(await MailsToAsync(owner, expected: 1));
    }

    /// <summary>Runs the timer function once through the host's admin API; its sweep id, from its log.</summary>
    private static async Task<string> RunTimerAsync(FunctionsHostProcess host)
    {
        var before = host.Count(l => Has(l, "Function.SweepTimer.User", "enqueued"));
        using var run = new HttpRequestMessage(HttpMethod.Post, "admin/functions/SweepTimer")
        {
            Content = Json(new { input = "" }),
            Headers = { { "x-functions-key", host.MasterKey } },
        };
        using (var accepted = await host.Http.SendAsync(run)) Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var lines = await host.WaitForLinesAsync(l => Has(l, "Function.SweepTimer.User", "enqueued 2 shard(s)"), before + 1, TimeSpan.FromSeconds(30));
        var line = lines[^1];
        return line[line.IndexOf("sweep-", StringComparison.Ordinal)..].Split(':')[0];
    }

    /// <summary>The fingerprints of the findings the state store has seen since a time, read through the report export route.</summary>
    private static async Task<List<string>> FingerprintsSeenSinceAsync(FunctionsHostProcess host, DateTimeOffset since)
    {
        var records = JsonNode.Parse(await host.Http.GetStringAsync($"api/reports/findings?code={Uri.EscapeDataString(host.FunctionKey)}"))!.AsArray();
        return [.. records.Where(r => DateTimeOffset.Parse(r!["lastSeen"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= since)
            .Select(r => r!["fingerprint"]!.ToString())];
    }

    /// <summary>The mails maildev holds for one address, once it holds the number expected (and a moment later, so a late duplicate shows).</summary>
    private async Task<List<JsonElement>> MailsToAsync(string address, int expected)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        List<JsonElement> mails;
        do
        {
            await Task.Delay(500);
            var all = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{_emulators.MailWebPort}/api/email");
            mails = [.. all.EnumerateArray().Where(m => m.GetProperty("to")[0].GetProperty("address").GetString() == address)];
        }
        while (mails.Count < expected && DateTime.UtcNow < deadline);
        return mails;
    }
}
