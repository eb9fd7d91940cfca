using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.State;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The custom handler as the Functions host drives it: the exact invocation payloads (Data/Metadata, string-wrapped
/// queue messages, the HTTP "req" shape) posted to POST /&lt;Function&gt;, with Azurite and s3rver behind it.
/// </summary>
[Collection(EmulatorCollection.Name)]
public sealed class FunctionsTests : IDisposable
{
    private const string PeopleCsv = "name,email,ssn\nAda,ada@example.com,536-22-8726\n";

    private readonly Emulators _emulators;
    private readonly ITestOutputHelper _output;
    private readonly string _dir = Directory.CreateTempSubdirectory("cloudauditor-functions-").FullName;
    private readonly string _queue = "q" + Guid.NewGuid().ToString("N")[..10];
    private readonly WebApplicationFactory<CloudAuditor.Functions.Functions> _app;
    private readonly HttpClient _http;
    private readonly string _bucket = Sweeps.Unique("fn");
    private readonly string _tablePrefix = $"fn{Guid.NewGuid().ToString("N")[..10]}";

    public FunctionsTests(Emulators emulators, ITestOutputHelper output)
    {
        _emulators = emulators;
        _output = output;
        var config = FunctionsAppConfig.Write(_dir, emulators, _bucket, _tablePrefix);
        _app = new WebApplicationFactory<CloudAuditor.Functions.Functions>().WithWebHostBuilder(web => web
            .UseSetting("CLOUDAUDITOR_CONFIG", config)
            .UseSetting("AuditorStorage", emulators.AzuriteConnectionString));
        _http = _app.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> InvokeAsync(string function, object payload)
    {
        using var response = await _http.PostAsync($"/{function}", new StringContent(payload as string ?? JsonSerializer.Serialize(payload), Encoding.UTF8,
            "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text) as JsonObject ?? []);
    }

    private static object HttpPayload(string method, string body = "", string query = "{}") => new
    {
        Data = new { req = new { Url = "http://localhost:7071/api/x", Method = method, Query = query, Headers = new Dictionary<string,
            string[]> { ["Content-Type"] = ["application/json"] }, Params = new { }, Body = body } },
        Metadata = new { },
    };

    private static JsonObject Res(JsonObject body) => body["outputs"]!["res"]!.AsObject();

    private static string Logs(JsonObject body) => string.Join(" | ", body["logs"]!.AsArray().Select(l => l!.GetValue<string>()));

    private async Task<BlobContainerClient> ContainerAsync(PublicAccessType access, string? blob = null)
    {
        var container = new BlobContainerClient(_emulators.AzuriteConnectionString, Sweeps.Unique("fn"));
        await container.CreateAsync(access);
        if (blob is not null) await container.UploadBlobAsync(blob, BinaryData.FromString(PeopleCsv));
        return container;
    }

    [Fact]
    public async Task Health_answers_through_the_http_output_binding()
    {
        var (status, body) = await InvokeAsync("Health", HttpPayload("GET"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(200, Res(body)["statusCode"]!.GetValue<int>());
        var health = JsonNode.Parse(Res(body)["body"]!.GetValue<string>())!;
        Assert.Equal("healthy", health["status"]!.GetValue<string>());
        Assert.Equal(2, health["targets"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("Health", "not json", "not JSON")]
    [InlineData("Health", "{}", "no Data object")]
    [InlineData("ScanTarget", "{\"Data\":{\"message\":\"{\\\"sweepId\\\":\\\"x\\\"}\"}}", "no 'target'")]
    [InlineData("ScanTarget", "{\"Data\":{\"message\":\"{\\\"target\\\":\\\"nobody\\\"}\"}}", "no configured target is named 'nobody'")]
    [InlineData("ScanTarget", "{\"Data\":{\"message\":{\"target\":\"azurite\",\"shard\":\"azurite#9/8\"}}}", "'azurite#9/8' is not a shard of target")]
    [InlineData("ScanTarget", "{\"Data\":{\"message\":{\"target\":\"azurite\",\"shard\":\"other#1/2\"}}}", "'other#1/2' is not a shard of target 'azurite'")]
    [InlineData("StorageEvents", "{\"Data\":{\"event\":{\"eventType\":\"Microsoft.Storage.BlobCreated\"}}}", "no data object")]
    [InlineData("StorageEvents", "{\"Data\":{\"event\":{\"eventType\":42,\"data\":{}}}}", "'eventType' must be text, not a number")]
    [InlineData("StorageEvents", "{\"Data\":{\"event\":{\"eventType\":\"Microsoft.Storage.BlobCreated\",\"data\":{\"url\":7}}}}",
        "'url' must be text, not a number")]
    [InlineData("SweepTimer", "{\"Data\":{\"timer\":{\"IsPastDue\":\"yes\"}}}", "'IsPastDue' must be true or false, not text")]
    [InlineData("ReportExport", "{\"Data\":{\"req\":{\"Method\":\"GET\",\"Query\":\"not json\"}}}", "'Query' is not JSON")]
    public async Task Malformed_invocations_complete_with_the_reason_logged_because_a_retry_cannot_help(string function, string payload, string reason)
    {
        var (status, body) = await InvokeAsync(function, payload);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"rejected: ", Logs(body));
        Assert.Contains(reason, Logs(body));
        // An HTTP-triggered function answers its caller 400 through the output binding.
        if (function is "Health" or "ReportExport") Assert.Equal(400, Res(body)["statusCode"]!.GetValue<int>());
    }

    [Theory]
    // Within what the trigger delivers, but larger than any AWS event: refused before the body is parsed.
    [InlineData(400_000, "more than any AWS event")]
    // Larger than the trigger delivers: refused before the invocation is parsed, and without holding it.
    [InlineData(1_000_000, "more than the 2,097,152 its trigger can deliver")]
    public async Task An_aws_event_body_larger_than_any_aws_event_is_refused_without_parsing_it(int records, string reason)
    {
        var body = $"{{\"Records\":[{string.Join(",", Enumerable.Repeat("{}", records))}]}}";
        var (status, answer) = await InvokeAsync("AwsEvents", HttpPayload("POST", body));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(413, Res(answer)["statusCode"]!.GetValue<int>());
        Assert.Contains(reason, Logs(answer));
    }

    [Fact]
    public async Task Timer_fans_out_one_base64_queue_message_per_target_and_the_queue_drives_remediation()
    {
        var container = await ContainerAsync(PublicAccessType.BlobContainer, "people.csv");
        var (status, body) = await InvokeAsync("SweepTimer", new { Data = new { timer = new { Schedule = new { AdjustForDST = true },
            ScheduleStatus = (object?)null, IsPastDue = false } }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("enqueued 2 shard(s) of 2 target(s)", Logs(body));

        // Read the queue as the Functions host does (base64 messages) and invoke ScanTarget with what it would send.
        var queue = new QueueClient(_emulators.AzuriteConnectionString, "sweep-targets",
            new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var messages = (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value;
        var azure = messages.Single(m => m.Body.ToString().Contains("\"azurite\"", StringComparison.Ordinal));
        foreach (var m in messages) await queue.DeleteMessageAsync(m.MessageId, m.PopReceipt);

        var scan = await InvokeAsync("ScanTarget", new { Data = new { message = azure.Body.ToString() },
            Metadata = new { DequeueCount = 1, Id = azure.MessageId } });
        Assert.Equal(HttpStatusCode.OK, scan.Status);
        Assert.Contains("target azurite (attempt 1)", Logs(scan.Body));
        Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
    }

    [Fact]
    public async Task Queue_messages_are_accepted_as_json_objects_too()
    {
        // Metadata values that are not objects come as their JSON text, as the host serialises binding data.
        var (status, body) = await InvokeAsync("ScanTarget", new { Data = new { message = new { target = "s3rver" } }, Metadata = new { DequeueCount = "2" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("target s3rver (attempt 2)", Logs(body));
    }

    [Fact]
    public async Task Blob_created_samples_the_new_blob_and_the_report_exports_it()
    {
        var container = await ContainerAsync(PublicAccessType.None, "incoming/people.csv");
        var blobUrl = container.GetBlobClient("incoming/people.csv").Uri.ToString();
        var uploaded = DateTimeOffset.UtcNow.AddMinutes(-3);
        var gridEvent = new
        {
            topic = "/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1",
            subject = $"/blobServices/default/containers/{container.Name}/blobs/incoming/people.csv",
            eventType = "Microsoft.Storage.BlobCreated",
            id = Guid.NewGuid(),
            dataVersion = "",
            metadataVersion = "1",
            eventTime = uploaded,
            data = new { api = "PutBlob", contentType = "text/csv", contentLength = PeopleCsv.Length, blobType = "BlockBlob", url = blobUrl,
                sequencer = "00000000000004420000000000028963" },
        };
        var (status, body) = await InvokeAsync("StorageEvents", new { Data = new { @event = gridEvent }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"new blob in {container.Name}: ", Logs(body));

        var report = await InvokeAsync("ReportExport", HttpPayload("GET", query: "{\"format\":\"csv\"}"));
        var csv = Res(report.Body)["body"]!.GetValue<string>();
        Assert.StartsWith("fingerprint,checkId,resourceId,status,severity,firstSeen,lastSeen\n", csv);
        Assert.Contains($"azure.blob.sensitive-data,{container.Uri}", csv);
        Assert.DoesNotContain("536-22-8726", csv);
        // The event's time is kept with the finding it opened: time to detect is measured from the upload, not from the scan.
        var state = await TableStateStore.OpenAsync(new TableServiceClient(_emulators.AzuriteConnectionString), _tablePrefix, CancellationToken.None);
        var opened = new List<FindingTransition>();
        await foreach (var change in state.ListTransitionsAsync(uploaded.AddHours(-1), CancellationToken.None))
            if (change.CheckId == "azure.blob.sensitive-data" && change.ResourceId == container.Uri.ToString()) opened.Add(change);
        Assert.Equal(uploaded.ToUnixTimeSeconds(), Assert.Single(opened).EventTime?.ToUnixTimeSeconds());

        // The dashboard draws the same history: the detection and its time to detect (about three minutes).
        var dashboard = Res((await InvokeAsync("Dashboard", HttpPayload("GET", query: "{\"days\":\"7\"}"))).Body);
        Assert.Equal(200, dashboard["statusCode"]!.GetValue<int>());
        Assert.StartsWith("text/html", dashboard["headers"]!["Content-Type"]!.GetValue<string>());
        var page = dashboard["body"]!.GetValue<string>();
        Assert.Contains("<h1>Leakage metrics</h1>", page);
        Assert.Contains("time to detect p50 0.", page);
        Assert.DoesNotContain("536-22-8726", page);
        var refused = Res((await InvokeAsync("Dashboard", HttpPayload("GET", query: "{\"days\":\"forever\"}"))).Body);
        Assert.Equal(400, refused["statusCode"]!.GetValue<int>());

        // The timer's sweep does not read the blob again: the event's scan read it at this version.
        var sweep = await InvokeAsync("ScanTarget", new { Data = new { message = new { target = "azurite" } }, Metadata = new { DequeueCount = 1 } });
        var alreadyRead = System.Text.RegularExpressions.Regex.Match(Logs(sweep.Body), @"(\d+) already read at their version");
        Assert.True(alreadyRead.Success && int.Parse(alreadyRead.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, Logs(sweep.Body));
    }

    [Fact]
    public async Task A_storage_write_event_is_rechecked_and_remediated_at_once()
    {
        var container = await ContainerAsync(PublicAccessType.Blob, "people.csv");
        var resourceUri = $"/subscriptions/00000000-1111-2222-3333-444444444444/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/devstoreaccount1/blobServices/default/containers/{container.Name}";
        var cloudEvent = new
        {
            specversion = "1.0",
            type = "Microsoft.Resources.ResourceWriteSuccess",
            source = "/subscriptions/00000000-1111-2222-3333-444444444444",
            subject = resourceUri,
            id = Guid.NewGuid(),
            time = DateTimeOffset.UtcNow,
            data = new { resourceUri, operationName = "Microsoft.Storage/storageAccounts/blobServices/containers/write", status = "Succeeded" },
        };
        var watch = Stopwatch.StartNew();
        var (status, body) = await InvokeAsync("StorageEvents", new { Data = new { @event = JsonSerializer.Serialize(cloudEvent) }, Metadata = new { } });
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("1 remediated", Logs(body));
        Assert.Equal(PublicAccessType.None, (await container.GetAccessPolicyAsync()).Value.BlobPublicAccess);
        _output.WriteLine($"event -> remediated and verified: {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Aws_events_over_http_sample_new_objects_and_recheck_bucket_changes()
    {
        using var s3 = new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"),
            new AmazonS3Config { ServiceURL = _emulators.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        await s3.PutBucketAsync(_bucket);
        await s3.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = "exports/people list.csv", ContentBody = PeopleCsv,
            UseChunkEncoding = false });
        var notification = new
        {
            Records = new[]
            {
                new
                {
                    eventVersion = "2.1", eventSource = "aws:s3", awsRegion = "us-east-1", eventTime = DateTimeOffset.UtcNow, eventName = "ObjectCreated:Put",
                    s3 = new { s3SchemaVersion = "1.0", bucket = new { name = _bucket, arn = $"arn:aws:s3:::{_bucket}" },
                        @object = new { key = "exports/people+list.csv", size = PeopleCsv.Length } },
                },
            },
        };
        var created = await InvokeAsync("AwsEvents", HttpPayload("POST", JsonSerializer.Serialize(notification)));
        Assert.Equal(202, Res(created.Body)["statusCode"]!.GetValue<int>());
        Assert.Contains($"new object in {_bucket}", Logs(created.Body));

        var cloudTrail = new
        {
            version = "0",
            id = Guid.NewGuid(),
            source = "aws.s3",
            account = "111122223333",
            region = "us-east-1",
            time = DateTimeOffset.UtcNow,
            detailType = "ignored",
            detail = new { eventSource = "s3.amazonaws.com", eventName = "PutBucketAcl", requestParameters = new { bucketName = _bucket } },
        };
        var json = JsonSerializer.Serialize(cloudTrail).Replace("\"detailType\":\"ignored\"", "\"detail-type\":\"AWS API Call via CloudTrail\"",
            StringComparison.Ordinal);
        var changed = await InvokeAsync("AwsEventsQueue", new { Data = new { message = json }, Metadata = new { DequeueCount = 1 } });
        Assert.Contains($"re-check of {_bucket} after PutBucketAcl", Logs(changed.Body));

        var bad = await InvokeAsync("AwsEvents", HttpPayload("POST", "[not json"));
        Assert.Equal(400, Res(bad.Body)["statusCode"]!.GetValue<int>());
    }

    [Fact]
    public void Report_csv_quotes_and_defuses_spreadsheet_formulas()
    {
        var csv = CloudAuditor.Functions.Functions.FindingsCsv([new("f", "c", "=HYPERLINK(\"x\"),y", Core.Model.FindingStatus.Fail, Core.Model.Severity.High,
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch)]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\"),y\"", csv);
    }
}
