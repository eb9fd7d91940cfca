using System.Globalization;
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

    /// <summary>
    /// Reads the invocation once, holding at most <paramref name="maxBytes"/>: a larger one is not what its trigger can deliver
    /// and is refused without being held; the rest of it is still read, so the host gets the answer rather than a broken request.
    /// </summary>
    /// <exception cref="InvalidInvocationException">Not the host's invocation shape.</exception>
    /// <exception cref="OversizedInvocationException">Larger than <paramref name="maxBytes"/>.</exception>
    public static async Task<Invocation> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        using var held = new MemoryStream();
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total <= maxBytes) held.Write(buffer, 0, read);
        }
        if (total > maxBytes) throw new OversizedInvocationException(total, maxBytes);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(held.GetBuffer().AsSpan(0, (int)held.Length));
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

    /// <summary>A number in Metadata: the host sends binding data that is not an object as its JSON text ("DequeueCount": "2").</summary>
    public int? MetadataInt(string name) => _metadata[name] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

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
