using System.Text.Json.Nodes;

namespace CloudAuditor.FunctionsHost;

/// <summary>host.json customHandler.description: the executable (relative to the app root, or on PATH), its arguments and working folder.</summary>
public sealed record HandlerDescription(string Executable, IReadOnlyList<string> Arguments, string WorkingDirectory)
{
    public static HandlerDescription From(JsonObject description, string appRoot)
    {
        var executable = description["defaultExecutablePath"]?.ToString();
        if (string.IsNullOrEmpty(executable)) throw new AppRootException("host.json customHandler.description has no defaultExecutablePath.");
        var inRoot = Path.Combine(appRoot, executable);
        var working = description["workingDirectory"]?.ToString() is { Length: > 0 } folder ? Path.Combine(appRoot, folder) : appRoot;
        var arguments = (description["arguments"] as JsonArray ?? []).Select(a => a?.ToString() ?? "").ToList();
        return new HandlerDescription(File.Exists(inRoot) ? inRoot : executable, arguments, working);
    }
}
