using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The custom handler's answer to an invocation: {"Outputs": {...}, "Logs": [...], "ReturnValue": ...}, property names in any
/// case. No binding of this app is "$return", so ReturnValue is not read.
/// </summary>
public sealed record InvocationAnswer(JsonObject Outputs, IReadOnlyList<string> Logs)
{
    private static readonly JsonNodeOptions AnyCase = new() { PropertyNameCaseInsensitive = true };

    /// <exception cref="FunctionFailedException">Not an answer the host could read.</exception>
    public static InvocationAnswer Parse(string text)
    {
        JsonNode? root;
        try
        {
            root = string.IsNullOrWhiteSpace(text) ? new JsonObject(AnyCase) : JsonNode.Parse(text, AnyCase);
        }
        catch (JsonException e)
        {
            throw new FunctionFailedException($"the custom handler's answer is not JSON: {e.Message}");
        }
        if (root is not JsonObject answer) throw new FunctionFailedException("the custom handler's answer is not a JSON object");
        var logs = (answer[nameof(Logs)] as JsonArray ?? []).Select(line => line?.ToString() ?? "").ToList();
        var outputs = answer[nameof(Outputs)] as JsonObject ?? new JsonObject(AnyCase);
        return new InvocationAnswer(outputs, logs);
    }

    /// <summary>An output binding's value, found by name in any case, as the host matches binding names.</summary>
    public JsonNode? Output(string name) => Outputs.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
