using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.Functions;

/// <summary>
/// Fields of the host's payloads and of the events inside them, read with a worded refusal when one has the wrong type: a malformed
/// event stays malformed on a retry, so it must be rejected (completed, logged), not failed for Event Grid or the queue to redeliver.
/// </summary>
internal static class EventFields
{
    /// <summary>Text, or null when absent; another type is a rejected invocation naming the field.</summary>
    public static string? Text(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new InvalidInvocationException($"'{field}' must be text, not {Kind(node)}"),
    };

    /// <summary>true/false, or null when absent.</summary>
    public static bool? Flag(JsonNode? node, string field) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        _ => throw new InvalidInvocationException($"'{field}' must be true or false, not {Kind(node)}"),
    };

    /// <summary>An ISO 8601 time (an event's eventTime/time), or null when absent; text that is not a time is rejected naming the field.</summary>
    public static DateTimeOffset? Time(JsonNode? node, string field) => Text(node, field) switch
    {
        null => null,
        var text when DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var time) => time,
        _ => throw new InvalidInvocationException($"'{field}' must be an ISO 8601 time such as 2026-12-03T08:00:00Z"),
    };

    /// <summary>A JSON object held in text (a query string map, a queue message), or a rejected invocation saying it is not one.</summary>
    public static JsonObject ObjectIn(string json, string field)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new InvalidInvocationException($"'{field}' must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException($"'{field}' is not JSON (line {e.LineNumber})");
        }
    }

    private static string Kind(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        _ => "null",
    };
}
