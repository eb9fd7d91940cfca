using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Extensions.Timers;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// Where the generated WebJobs functions land: turns the SDK's trigger values into the custom-handler payload as the host
/// builds it (the trigger's value under its binding name in Data; binding data in Metadata, primitives as JSON text, which is
/// how the host serialises them) and throws when the invocation failed, so the SDK retries and poisons queue messages.
/// </summary>
public static class TriggerDispatch
{
    private static IReadOnlyDictionary<string, FunctionDefinition> _functions = new Dictionary<string, FunctionDefinition>();
    private static InvocationChannel? _channel;

    /// <summary>Set once, before the WebJobs host starts: the generated methods are static, as the SDK indexes them.</summary>
    public static void Bind(IEnumerable<FunctionDefinition> functions, InvocationChannel channel)
    {
        _functions = functions.ToDictionary(f => f.Name, StringComparer.Ordinal);
        _channel = channel;
    }

    public static Task QueueAsync(string function, QueueMessage message, CancellationToken cancellationToken)
    {
        var definition = _functions[function];
        var data = new JsonObject { [definition.Trigger.Name] = message.Body.ToString() };
        var metadata = new JsonObject
        {
            ["DequeueCount"] = Json(message.DequeueCount.ToString(CultureInfo.InvariantCulture)),
            ["Id"] = Text(message.MessageId),
            ["InsertionTime"] = Time(message.InsertedOn),
            ["ExpirationTime"] = Time(message.ExpiresOn),
            ["NextVisibleTime"] = Time(message.NextVisibleOn),
            ["PopReceipt"] = Text(message.PopReceipt),
        };
        return InvokeAsync(definition, data, metadata, $"New queue message detected on '{definition.Trigger.Property("queueName")}'.", cancellationToken);
    }

    public static Task TimerAsync(string function, TimerInfo timer, CancellationToken cancellationToken) =>
        InvokeTimerAsync(_functions[function], timer.ScheduleStatus, timer.IsPastDue, "Timer fired", cancellationToken);

    /// <summary>
    /// The admin API's way in (POST /admin/functions/{name}, {"input": "..."}): a timer function runs as if its schedule
    /// fired (no schedule status, not past due); a queue function gets the input as its message, with no queue metadata.
    /// </summary>
    public static Task RunManuallyAsync(FunctionDefinition definition, string input, CancellationToken cancellationToken) =>
        definition.Trigger.Type == "timerTrigger"
            ? InvokeTimerAsync(definition, null, false, "This function was programmatically called via the host APIs.", cancellationToken)
            : InvokeAsync(definition, new JsonObject { [definition.Trigger.Name] = input }, [], "This function was programmatically called via the host APIs.",
                cancellationToken);

    private static Task InvokeTimerAsync(FunctionDefinition definition, ScheduleStatus? status, bool isPastDue, string reason,
        CancellationToken cancellationToken)
    {
        var data = new JsonObject
        {
            [definition.Trigger.Name] = new JsonObject
            {
                ["Schedule"] = new JsonObject { ["AdjustForDST"] = true },
                ["ScheduleStatus"] = status is null ? null : new JsonObject
                {
                    ["Last"] = status.Last.ToString("O", CultureInfo.InvariantCulture),
                    ["Next"] = status.Next.ToString("O", CultureInfo.InvariantCulture),
                    ["LastUpdated"] = status.LastUpdated.ToString("O", CultureInfo.InvariantCulture),
                },
                ["IsPastDue"] = isPastDue,
            },
        };
        return InvokeAsync(definition, data, [], reason, cancellationToken);
    }

    private static async Task InvokeAsync(FunctionDefinition definition, JsonObject data, JsonObject metadata, string reason,
        CancellationToken cancellationToken)
    {
        var channel = _channel ?? throw new InvalidOperationException("TriggerDispatch.Bind was not called before the host started.");
        await channel.InvokeAsync(definition, data, metadata, reason, cancellationToken);
    }

    private static JsonValue Json(string jsonText) => JsonValue.Create(jsonText);

    private static JsonValue? Text(string? value) => value is null ? null : Json(System.Text.Json.JsonSerializer.Serialize(value));

    private static JsonValue? Time(DateTimeOffset? value) =>
        value is { } time ? Text(time.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)) : null;
}
