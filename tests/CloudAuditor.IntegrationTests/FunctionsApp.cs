using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CloudAuditor.IntegrationTests;

/// <summary>
/// The Functions handler in process, invoked as the host invokes it (a POST per function with the trigger's data), with the
/// sweep queue it fans out to: the timer, the queue shards, and the messages a sweep left on the queue.
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    private readonly WebApplicationFactory<CloudAuditor.Functions.Functions> _app;
    private readonly HttpClient _http;
    private readonly string _storage;

    /// <param name="storage">The connection string of the storage the app's queues live in (AuditorStorage).</param>
    public FunctionsApp(string config, string storage)
    {
        _storage = storage;
        _app = new WebApplicationFactory<CloudAuditor.Functions.Functions>().WithWebHostBuilder(web => web
            .UseSetting("CLOUDAUDITOR_CONFIG", config)
            .UseSetting("AuditorStorage", storage));
        _http = _app.CreateClient();
    }

    public async Task<(HttpStatusCode Status, string Logs)> InvokeAsync(string function, object payload)
    {
        using var response = await _http.PostAsync($"/{function}", new StringContent(JsonSerializer.Serialize(payload), Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        return (response.StatusCode, string.Join(" | ", body["logs"]!.AsArray().Select(l => l!.GetValue<string>())));
    }

    public Task<(HttpStatusCode Status, string Logs)> TimerAsync() =>
        InvokeAsync("SweepTimer", new { Data = new { timer = new { IsPastDue = false } }, Metadata = new { } });

    public Task<(HttpStatusCode Status, string Logs)> ScanAsync(string message, int attempt) =>
        InvokeAsync("ScanTarget", new { Data = new { message }, Metadata = new { DequeueCount = attempt } });

    /// <summary>A sweep's messages, read as the host reads them (base64) and taken off the queue.</summary>
    public async Task<List<string>> DrainAsync(string sweepId)
    {
        var queue = new QueueClient(_storage, "sweep-targets", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var ours = new List<string>();
        foreach (var message in (await queue.ReceiveMessagesAsync(maxMessages: 32)).Value)
        {
            if (!message.Body.ToString().Contains(sweepId, StringComparison.Ordinal)) continue;
            ours.Add(message.Body.ToString());
            await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
        return ours;
    }

    public void Dispose()
    {
        _http.Dispose();
        _app.Dispose();
    }
}
