using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The app settings (local.settings.json "Values", as Core Tools read them, then this process's environment) and host.json
/// as one configuration, laid out as the Functions host lays it out: host.json under AzureFunctionsJobHost, where an app
/// setting AzureFunctionsJobHost__a__b overrides a.b; %NAME% in bindings resolves against the app settings.
/// </summary>
public sealed class AppSettings
{
    private const string HostSection = "AzureFunctionsJobHost";

    private AppSettings(IReadOnlyDictionary<string, string> values, IConfiguration configuration)
    {
        Values = values;
        Configuration = configuration;
    }

    /// <summary>The app settings as the handler gets them: environment variables.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>host.json, the app settings, and the WebJobs SDK's extension section mirrored from host.json's "extensions".</summary>
    public IConfiguration Configuration { get; }

    public static AppSettings Load(AppRoot app, string? localSettingsFile)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (localSettingsFile is not null) ReadLocalSettings(localSettingsFile, values);
        foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            values.TryAdd((string)variable.Key, (string?)variable.Value ?? "");
        var layered = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(app.HostJson, HostSection, layered);
        foreach (var (key, value) in values) layered[key.Replace("__", ":", StringComparison.Ordinal)] = value;
        // The WebJobs SDK binds extension options (QueuesOptions: maxDequeueCount, visibilityTimeout, messageEncoding, ...) from
        // AzureWebJobs:extensions; the Functions host points it at host.json's section, which is what this mirror does.
        var prefix = $"{HostSection}:extensions:";
        foreach (var (key, value) in layered.Where(p => p.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
            layered[$"AzureWebJobs:extensions:{key[prefix.Length..]}"] = value;
        return new AppSettings(values, new ConfigurationBuilder().AddInMemoryCollection(layered).Build());
    }

    public string? HostValue(string path) => Configuration[$"{HostSection}:{path}"];

    /// <summary>functionTimeout as the host reads it: a time span, "-1" for none; 30 minutes (Flex Consumption's default) when unset.</summary>
    public TimeSpan? FunctionTimeout => HostValue("functionTimeout") switch
    {
        null => TimeSpan.FromMinutes(30),
        "-1" => null,
        var text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var timeout) => timeout,
        var text => throw new AppRootException($"functionTimeout '{text}' is not a time span (hh:mm:ss) or -1."),
    };

    /// <summary>A binding property with %NAME% expressions replaced by app settings, as the host resolves them.</summary>
    public string Resolve(string text)
    {
        var parts = text.Split('%');
        if (parts.Length % 2 == 0) throw new AppRootException($"'{text}' has an unmatched '%'.");
        for (var i = 1; i < parts.Length; i += 2)
            parts[i] = Values.TryGetValue(parts[i], out var value) ? value : throw new AppRootException($"'%{parts[i]}%' names no app setting.");
        return string.Concat(parts);
    }

    private static void ReadLocalSettings(string file, Dictionary<string, string> values)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new AppRootException($"{file} cannot be read as local settings: {e.Message}");
        }
        if (json?[nameof(Values)] is not JsonObject settings) throw new AppRootException($"{file} has no \"Values\" object.");
        foreach (var (key, value) in settings) values[key] = value?.ToString() ?? "";
    }

    private static void Flatten(JsonNode? node, string path, Dictionary<string, string?> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj) Flatten(child, $"{path}:{key}", into);
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) Flatten(array[i], $"{path}:{i}", into);
                break;
            case null:
                into[path] = null;
                break;
            default:
                into[path] = node.ToString();
                break;
        }
    }
}
