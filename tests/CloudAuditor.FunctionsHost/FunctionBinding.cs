using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>One entry of a function.json "bindings" array; the other properties stay in <see cref="Json"/>.</summary>
public sealed record FunctionBinding(string Name, string Type, string Direction, JsonObject Json)
{
    public static FunctionBinding From(JsonObject json, string file)
    {
        string Required(string property) => json[property]?.ToString() is { Length: > 0 } value
            ? value : throw new AppRootException($"{file}: a binding has no \"{property}\".");
        return new FunctionBinding(Required("name"), Required("type"), Required("direction"), json);
    }

    public string? Property(string name) => Json[name]?.ToString();
}
