using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.Functions;

/// <summary>
/// The custom-handler protocol: the Functions host POSTs {"Data": {binding: value}, "Metadata": {...}} and expects
/// {"Outputs": {binding: value}, "Logs": [...], "ReturnValue": ...}. Values may arrive as JSON or as JSON wrapped in
/// a string (queue messages); both forms are accepted.
/// </summary>
public sealed class Invocation
{
    private readonly JsonObject _data;
    private readonly JsonObject _metadata;

    private Invocation(JsonObject data, JsonObject metadata)
    {
        _data = data;
        _metadata = metadata;
    }

    /// <exception cref="InvalidInvocationException">Not the host's invocation shape.</exception>
    public static async Task<Invocation> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonNode? root;
        try
        {
            root = await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException e)
        {
            throw new InvalidInvocationException($"the invocation is not JSON (line {e.LineNumber})");
        }
        if (root is not JsonObject body || body["Data"] is not JsonObject data)
            throw new InvalidInvocationException("the invocation has no Data object");
        return new Invocation(data, body["Metadata"] as JsonObject ?? []);
    }

    /// <summary>A binding's value as a JSON object, unwrapping a JSON string if the host sent one.</summary>
    public JsonObject Object(string binding)
    {
        var value = _data[binding] ?? throw new InvalidInvocationException($"Data has no '{binding}' binding");
        if (value is JsonObject obj) return obj;
        if (value is JsonValue text && text.TryGetValue<string>(out var json))
        {
            try
            {
                if (JsonNode.Parse(json) is JsonObject parsed) return parsed;
            }
            catch (JsonException) { }
        }
        throw new InvalidInvocationException($"the '{binding}' binding is not a JSON object");
    }

    public int? MetadataInt(string name) => _metadata[name] is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    /// <summary>The HTTP trigger's request ("req"): body and query parameters.</summary>
    public HttpTriggerRequest Http(string binding = "req")
    {
        var req = Object(binding);
        var query = req["Query"] switch
        {
            JsonObject q => q,
            JsonValue v when v.TryGetValue<string>(out var s) => EventFields.ObjectIn(s, "Query"),
            null => [],
            _ => throw new InvalidInvocationException("'Query' must be a JSON object"),
        };
        return new HttpTriggerRequest(EventFields.Text(req["Method"], "Method") ?? "GET", req["Body"]?.ToString() ?? "",
            query.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.OrdinalIgnoreCase));
    }
}
