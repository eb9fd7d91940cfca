using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// A Functions app as the host finds it on disk: host.json beside one folder per function holding its function.json,
/// and the custom handler named by host.json. Anything this host cannot run as the real host would is refused here,
/// by name, before anything starts.
/// </summary>
public sealed class AppRoot
{
    private static readonly HashSet<string> Triggers = ["timerTrigger", "queueTrigger", "httpTrigger", "eventGridTrigger"];

    private AppRoot(string path, JsonObject hostJson, HandlerDescription handler, IReadOnlyList<FunctionDefinition> functions)
    {
        Path = path;
        HostJson = hostJson;
        Handler = handler;
        Functions = functions;
    }

    public string Path { get; }
    public JsonObject HostJson { get; }
    public HandlerDescription Handler { get; }
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    /// <exception cref="AppRootException">The folder is not an app this host can run; the message says why.</exception>
    public static AppRoot Load(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        var hostJson = ReadObject(System.IO.Path.Combine(path, "host.json"));
        if (hostJson["version"]?.ToString() != "2.0") throw new AppRootException($"{path}/host.json: \"version\" must be \"2.0\" (Functions runtime 4).");
        var description = hostJson["customHandler"]?["description"] as JsonObject
            ?? throw new AppRootException($"{path}/host.json has no customHandler.description: this host runs custom handlers only.");
        if (hostJson["customHandler"]?["enableForwardingHttpRequest"]?.GetValue<bool>() == true)
            throw new AppRootException("customHandler.enableForwardingHttpRequest is true: this host sends HTTP requests as invocation payloads only.");
        var functions = Directory.EnumerateDirectories(path)
            .Where(folder => File.Exists(System.IO.Path.Combine(folder, "function.json")))
            .Select(folder => ReadFunction(System.IO.Path.GetFileName(folder), System.IO.Path.Combine(folder, "function.json")))
            .Where(function => function is not null)
            .Select(function => function!)
            .OrderBy(function => function.Name, StringComparer.Ordinal)
            .ToList();
        if (functions.Count == 0) throw new AppRootException($"{path} holds no function folder with a function.json.");
        return new AppRoot(path, hostJson, HandlerDescription.From(description, path), functions);
    }

    private static FunctionDefinition? ReadFunction(string name, string file)
    {
        var json = ReadObject(file);
        if (json["disabled"] is JsonValue disabled && disabled.GetValueKind() == JsonValueKind.True) return null;
        var bindings = (json["bindings"] as JsonArray ?? throw new AppRootException($"{file} has no \"bindings\" array."))
            .Select(node => FunctionBinding.From(node as JsonObject ?? throw new AppRootException($"{file}: a binding is not an object."), file))
            .ToList();
        var triggers = bindings.Where(b => b.Type.EndsWith("Trigger", StringComparison.Ordinal)).ToList();
        if (triggers.Count != 1) throw new AppRootException($"{file} must have exactly one trigger binding; it has {triggers.Count}.");
        var trigger = triggers[0];
        if (!Triggers.Contains(trigger.Type))
            throw new AppRootException($"{file}: trigger type '{trigger.Type}' is not one this host runs ({string.Join(", ", Triggers)}).");
        var outputs = bindings.Where(b => b != trigger).ToList();
        foreach (var output in outputs)
        {
            var allowed = output.Direction == "out" && (output.Type == "queue" || (output.Type == "http" && trigger.Type == "httpTrigger"));
            if (!allowed)
                throw new AppRootException($"{file}: binding '{output.Name}' ({output.Type}, {output.Direction}) is not one this host runs " +
                    "(outputs: queue, and http beside an httpTrigger; no input bindings, no $return).");
        }
        return new FunctionDefinition(name, trigger, outputs);
    }

    private static JsonObject ReadObject(string file)
    {
        if (!File.Exists(file)) throw new AppRootException($"{file} does not exist.");
        try
        {
            return JsonNode.Parse(File.ReadAllText(file), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
                as JsonObject ?? throw new AppRootException($"{file} is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new AppRootException($"{file} is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }
}
