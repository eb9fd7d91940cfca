using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Queues.Models;
using Microsoft.Azure.WebJobs;

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

    public static Task TimerAsync(string function, TimerInfo timer, CancellationToken cancellationToken)
    {
        var definition = _functions[function];
        var status = timer.ScheduleStatus;
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
                ["IsPastDue"] = timer.IsPastDue,
            },
        };
        return InvokeAsync(definition, data, [], "Timer fired", cancellationToken);
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
