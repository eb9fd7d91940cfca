using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Output;
using CloudAuditor.Core.State;
using CloudAuditor.Hosting;

namespace CloudAuditor.Functions;

/// <summary>The app's functions, one method each, named as in functions/&lt;Name&gt;/function.json.</summary>
public sealed class Functions(FunctionContext context)
{
    /// <summary>
    /// Timer: plans the sweep in the ledger (each target in parts of about sweep.shardSize containers, storage accounts or
    /// buckets, counted now, or its configured shards) and sends one queue message per shard, so the
    /// scale controller fans scans out across instances; then closes any earlier sweep past its deadline, so owners hear
    /// about what its finished shards found even when a shard never finished.
    /// </summary>
    public async Task<InvocationResult> SweepTimer(Invocation invocation, CancellationToken cancellationToken)
    {
        var timer = invocation.Object("timer");
        await using var runtime = await context.OpenAsync(cancellationToken);
        var config = runtime.Config;
        var queue = context.Queue(FunctionContext.SweepQueue, config.Sweep);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var sweepId = Hosting.SweepRequest.NewSweepId();
        var now = DateTimeOffset.UtcNow;
        var counts = await runtime.PlanShardsAsync(config, cancellationToken);
        await runtime.State.PlanSweepAsync(sweepId, ShardPlan.Ids(counts), now, now.AddMinutes(config.Sweep.DeadlineMinutes), cancellationToken);
        var shards = 0;
        foreach (var (target, shard) in ShardPlan.Parts(counts))
        {
            await queue.SendMessageAsync(JsonSerializer.Serialize(new { target, sweepId, shard }), cancellationToken);
            shards++;
        }
        var late = EventFields.Flag(timer["IsPastDue"], "IsPastDue") == true ? " (timer was past due)" : "";
        var logs = new List<string> { $"{sweepId}: enqueued {shards} shard(s) of {config.TargetCount} target(s){late}" };
        foreach (var (overdue, notified) in await runtime.CloseOverdueSweepsAsync(now, cancellationToken))
            logs.Add($"closed overdue sweep {overdue.Describe()}; {notified.Count} owner(s) notified");
        return InvocationResult.Log([.. logs]);
    }

    /// <summary>
    /// Queue: scans one shard (a target) of a sweep. A shard the ledger already has done (a redelivered message) is not
    /// scanned again; the shard that finishes the sweep closes it and sends one digest per owner for the whole sweep. A
    /// transient gap (unreachable, throttled, 5xx, timed out) fails the invocation, so the host retries and, after
    /// maxDequeueCount, moves the message to the poison queue; permanent gaps are logged and the message completes.
    /// </summary>
    public async Task<InvocationResult> ScanTarget(Invocation invocation, CancellationToken cancellationToken)
    {
        var message = invocation.Object("message");
        var name = EventFields.Text(message["target"], "target") ?? throw new InvalidInvocationException("the queue message has no 'target'");
        var sweepId = EventFields.Text(message["sweepId"], "sweepId") ?? Hosting.SweepRequest.NewSweepId();
        var shard = EventFields.Text(message["shard"], "shard");
        await using var runtime = await context.OpenAsync(cancellationToken);
        var config = runtime.Config;
        var narrowed = config.Narrowed(config.Azure.Where(t => t.Name == name), config.Aws.Where(t => t.Name == name));
        if (narrowed.TargetCount == 0) throw new InvalidInvocationException($"no configured target is named '{name}'");
        if (shard is not null && !(Core.Engine.Shard.TryParse(shard, out var shardTarget, out _) && shardTarget == name))
            throw new InvalidInvocationException($"'{shard}' is not a shard of target '{name}'");
        // The timer split each target as it counted it then; a part that sweep's plan does not have would audit resources twice or not at all.
        var planned = shard is null ? null : await runtime.State.GetSweepAsync(sweepId, cancellationToken);
        if (planned is not null && planned.Shards.All(s => s.ShardId != shard))
        {
            var plan = string.Join(", ", planned.Shards.Select(s => s.ShardId));
            throw new InvalidInvocationException($"sweep {sweepId} has no shard '{shard}' (its plan: {plan})");
        }
        var result = await runtime.SweepAsync(new Hosting.SweepRequest(NullFindingSink.Instance)
        {
            SweepId = sweepId, Scope = narrowed, Shard = shard, Closing = Hosting.SweepClosing.WhenAllShardsDone,
        }, cancellationToken);
        var what = $"{sweepId} target {shard ?? name} (attempt {invocation.MetadataInt("DequeueCount") ?? 1})";
        if (result.Summary.Targets == 0 && result.AlreadyDone.Count > 0)
            return InvocationResult.Log($"{what}: already done by an earlier delivery; not scanned again");
        var report = new SweepReport(result.Summary, result.Notified.Count, result.Sampling);
        return result is { Closed: true, Ledger: { } ledger } ? report.Result(what).WithLog($"closed sweep {ledger.Describe()}") : report.Result(what);
    }

    /// <summary>Event Grid: BlobCreated samples the new blob; ResourceWriteSuccess on a storage account or container re-checks (and remediates) it at
    /// once.</summary>
    public async Task<InvocationResult> StorageEvents(Invocation invocation, CancellationToken cancellationToken)
    {
        var cloudEvent = invocation.Object("event");
        var type = EventFields.Text(cloudEvent["eventType"] ?? cloudEvent["type"], "eventType")
            ?? throw new InvalidInvocationException("the event has no eventType/type");
        var data = cloudEvent["data"] as JsonObject ?? throw new InvalidInvocationException("the event has no data object");
        var happened = EventFields.Time(cloudEvent["eventTime"] ?? cloudEvent["time"], "eventTime");
        await using var runtime = await context.OpenAsync(cancellationToken);
        switch (type)
        {
            case "Microsoft.Storage.BlobCreated":
                var url = EventFields.Text(data["url"], "url") ?? throw new InvalidInvocationException("BlobCreated data has no url");
                var blob = new BlobUriBuilder(new Uri(url));
                var forBlob = TargetMatching.AzureContainer(runtime.Config, blob.AccountName, blob.BlobContainerName, sample: true);
                if (forBlob is null) return InvocationResult.Log($"ignored: no target covers storage account {blob.AccountName}");
                var scanned = await FunctionContext.SweepAsync(runtime, forBlob, blob.BlobName, happened, cancellationToken);
                return scanned.Result($"new blob in {blob.BlobContainerName}");
            case "Microsoft.Resources.ResourceWriteSuccess":
                var resourceId = EventFields.Text(data["resourceUri"] ?? cloudEvent["subject"], "resourceUri")
                    ?? throw new InvalidInvocationException("ResourceWriteSuccess has no resourceUri");
                var (account, container) = StorageResource(resourceId);
                if (account is null) return InvocationResult.Log($"ignored: {resourceId} is not a storage account or container");
                var forResource = TargetMatching.AzureContainer(runtime.Config, account, container, sample: false);
                if (forResource is null) return InvocationResult.Log($"ignored: no target covers storage account {account}");
                var rechecked = await FunctionContext.SweepAsync(runtime, forResource, objectKey: null, happened, cancellationToken);
                return rechecked.Result($"re-check of {resourceId}");
            default:
                return InvocationResult.Log($"ignored: event type {type}");
        }
    }

    /// <summary>AWS over HTTP (EventBridge API destination): S3 event notifications and CloudTrail changes to bucket exposure.</summary>
    public async Task<InvocationResult> AwsEvents(Invocation invocation, CancellationToken cancellationToken)
    {
        var request = invocation.Http();
        // AWS delivers events of at most 256 KB (EventBridge, S3 notifications through SNS/SQS); a larger body is not one, and its
        // parsed form would cost many times its size.
        if (request.Body.Length > MaxAwsEventChars)
            return InvocationResult.Log($"rejected: the body is {request.Body.Length:N0} characters, more than any AWS event").WithHttp(413,
                new { error = $"An AWS event is at most 256 KB; this body is {request.Body.Length:N0} characters." });
        JsonObject body;
        try
        {
            body = JsonNode.Parse(request.Body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return InvocationResult.Log("rejected: the body is not a JSON object").WithHttp(400,
                new { error = "The body must be an S3 event notification or an EventBridge event (JSON object)." });
        }
        var (log, retry) = await HandleAwsEventAsync(body, cancellationToken);
        // EventBridge API destinations retry on 5xx and 429, within the rule's retry policy.
        return retry ? InvocationResult.Retry(log).WithHttp(503, new { result = log }) : InvocationResult.Log(log).WithHttp(202, new { result = log });
    }

    /// <summary>Four times AWS's 256 KB event limit: room for pretty-printing, never room for a hostile batch.</summary>
    private const int MaxAwsEventChars = 1 << 20;

    /// <summary>AWS events delivered through a storage queue instead of HTTP.</summary>
    public async Task<InvocationResult> AwsEventsQueue(Invocation invocation, CancellationToken cancellationToken)
    {
        var (log, retry) = await HandleAwsEventAsync(invocation.Object("message"), cancellationToken);
        return retry ? InvocationResult.Retry(log) : InvocationResult.Log(log);
    }

    /// <summary>HTTP: the remembered findings as JSON or CSV (spreadsheet-safe), for compliance exports.</summary>
    public async Task<InvocationResult> ReportExport(Invocation invocation, CancellationToken cancellationToken)
    {
        var format = invocation.Http().Query.GetValueOrDefault("format", "json").ToLowerInvariant();
        if (format is not ("json" or "csv")) return new InvocationResult().WithHttp(400, new { error = "format must be json or csv" });
        await using var runtime = await context.OpenAsync(cancellationToken);
        var records = new List<FindingRecord>();
        await foreach (var record in runtime.State.ListFindingsAsync(cancellationToken)) records.Add(record);
        return format == "csv"
            ? InvocationResult.Log($"exported {records.Count} findings as csv").WithHttp(200, FindingsCsv(records), "text/csv; charset=utf-8")
            : InvocationResult.Log($"exported {records.Count} findings as json").WithHttp(200, records);
    }

    /// <summary>HTTP: the leakage metrics page of `report metrics --format html`, from the findings' history in Table storage (?days=90).</summary>
    public async Task<InvocationResult> Dashboard(Invocation invocation, CancellationToken cancellationToken)
    {
        var days = invocation.Http().Query.GetValueOrDefault("days", "90");
        if (!int.TryParse(days, System.Globalization.CultureInfo.InvariantCulture, out var period) || period is < 1 or > 3660)
            return new InvocationResult().WithHttp(400, new { error = "days must be a whole number of days from 1 to 3660" });
        await using var runtime = await context.OpenAsync(cancellationToken);
        var until = DateTimeOffset.UtcNow;
        var metrics = await Hosting.Reports.Metrics.LeakageMetrics.CollectAsync(runtime.State, runtime.Config, until.AddDays(-period), until,
            cancellationToken);
        return InvocationResult.Log($"dashboard of the last {period} days: {metrics.Detections.Sum(d => d.Count)} detections")
            .WithHttp(200, Hosting.Reports.Metrics.MetricsHtml.Render(metrics, until), "text/html; charset=utf-8");
    }

    /// <summary>HTTP: the configuration loads and the state store answers.</summary>
    public async Task<InvocationResult> Health(Invocation invocation, CancellationToken cancellationToken)
    {
        try
        {
            await using var runtime = await context.OpenAsync(cancellationToken);
            await runtime.State.GetFindingAsync("health", cancellationToken);
            return new InvocationResult().WithHttp(200, new { status = "healthy", targets = runtime.Config.TargetCount,
                checks = Core.Checks.CheckCatalog.Default.All.Count });
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = e is ConfigException ? e.Message : Hosting.ProviderFaults.Of(e, cancellationToken).Reason;
            return InvocationResult.Log($"unhealthy: {reason}").WithHttp(503, new { status = "unhealthy", reason });
        }
    }

    private static readonly HashSet<string> ExposureChanges = ["PutBucketAcl", "PutBucketPolicy", "DeleteBucketPolicy", "PutPublicAccessBlock",
        "DeletePublicAccessBlock", "PutBucketWebsite", "CreateBucket", "PutBucketOwnershipControls"];

    /// <returns>The log line, and whether a sweep it ran missed something a retry can cure.</returns>
    private async Task<(string Log, bool Retry)> HandleAwsEventAsync(JsonObject body, CancellationToken cancellationToken)
    {
        await using var runtime = await context.OpenAsync(cancellationToken);
        var logs = new List<string>();
        var retry = false;
        void Add(SweepReport report, string what)
        {
            logs.Add(report.Describe(what));
            retry |= report.ShouldRetry;
        }
        foreach (var record in (body["Records"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var eventName = EventFields.Text(record["eventName"], "eventName") ?? "";
            var s3 = record["s3"] as JsonObject;
            if (!eventName.StartsWith("ObjectCreated", StringComparison.Ordinal) || s3 is null) continue;
            var bucket = EventFields.Text(s3["bucket"]?["name"], "s3.bucket.name");
            var key = EventFields.Text(s3["object"]?["key"], "s3.object.key");
            if (bucket is null || key is null) continue;
            key = WebUtility.UrlDecode(key);
            var recordTime = EventFields.Time(record["eventTime"], "eventTime");
            if (await SampleObjectAsync(runtime, bucket, key, null, recordTime, cancellationToken) is { } sampled) Add(sampled, $"new object in {bucket}");
            else logs.Add($"ignored: no target covers bucket {bucket}");
        }
        var detailType = EventFields.Text(body["detail-type"], "detail-type");
        var detail = body["detail"] as JsonObject ?? [];
        var account = EventFields.Text(body["account"], "account");
        var bodyTime = EventFields.Time(body["time"], "time");
        if (detailType == "Object Created" && EventFields.Text(detail["bucket"]?["name"], "detail.bucket.name") is { } createdIn
            && EventFields.Text(detail["object"]?["key"], "detail.object.key") is { } createdKey)
        {
            if (await SampleObjectAsync(runtime, createdIn, createdKey, account, bodyTime, cancellationToken) is { } sampled)
                Add(sampled, $"new object in {createdIn}");
            else logs.Add($"ignored: no target covers bucket {createdIn}");
        }
        if (detailType == "AWS API Call via CloudTrail" && EventFields.Text(detail["eventName"], "detail.eventName") is { } call)
        {
            var bucket = EventFields.Text(detail["requestParameters"]?["bucketName"], "detail.requestParameters.bucketName");
            if (!ExposureChanges.Contains(call) || bucket is null) logs.Add($"ignored: CloudTrail {call}");
            else if (TargetMatching.AwsBucket(runtime.Config, bucket, account, sample: false) is not { } narrowed) logs.Add($"ignored: no target covers " +
                $"bucket {bucket}");
            else Add(await FunctionContext.SweepAsync(runtime, narrowed, objectKey: null, bodyTime, cancellationToken), $"re-check of {bucket} after {call}");
        }
        return (logs.Count == 0 ? "ignored: no S3 object or bucket change in the event" : string.Join("; ", logs), retry);
    }

    /// <returns>Null when no configured target covers the bucket.</returns>
    private static async Task<SweepReport?> SampleObjectAsync(Hosting.AuditorRuntime runtime, string bucket, string key, string? account,
        DateTimeOffset? happened, CancellationToken cancellationToken) =>
        TargetMatching.AwsBucket(runtime.Config, bucket, account, sample: true) is { } narrowed
            ? await FunctionContext.SweepAsync(runtime, narrowed, key, happened, cancellationToken) : null;

    /// <summary>Account and (optional) container of a storage ARM id; nulls for anything else.</summary>
    internal static (string? Account, string? Container) StorageResource(string resourceId)
    {
        var parts = resourceId.Trim('/').Split('/');
        var accountAt = Array.FindIndex(parts, p => p.Equals("storageAccounts", StringComparison.OrdinalIgnoreCase));
        if (accountAt < 0 || accountAt + 1 >= parts.Length) return (null, null);
        var containerAt = Array.FindIndex(parts, p => p.Equals("containers", StringComparison.OrdinalIgnoreCase));
        return (parts[accountAt + 1], containerAt > 0 && containerAt + 1 < parts.Length ? parts[containerAt + 1] : null);
    }

    internal static string FindingsCsv(IEnumerable<FindingRecord> records) =>
        Csv.Line(["fingerprint", "checkId", "resourceId", "status", "severity", "firstSeen", "lastSeen"]) + string.Concat(records.Select(r => Csv.Line(
            [r.Fingerprint, r.CheckId, r.ResourceId, r.Status.ToString().ToLowerInvariant(), r.Severity.ToString().ToLowerInvariant(),
                r.FirstSeen.ToString("O"), r.LastSeen.ToString("O")])));
}
