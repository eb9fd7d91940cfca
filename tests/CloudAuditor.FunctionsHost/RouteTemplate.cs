namespace CloudAuditor.FunctionsHost;

/// <summary>An httpTrigger route ("reports/{kind}/{id?}", "files/{*path}"): literal segments match in any case; parameters become Params.</summary>
public sealed class RouteTemplate(string template)
{
    private readonly string[] _segments = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);

    public bool TryMatch(string path, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith("{*", StringComparison.Ordinal))
            {
                parameters[segment[2..^1]] = string.Join('/', parts.Skip(i));
                return true;
            }
            var optional = segment.EndsWith("?}", StringComparison.Ordinal);
            if (i >= parts.Length)
            {
                if (!optional) return false;
                continue;
            }
            if (segment.StartsWith('{')) parameters[segment[1..^(optional ? 2 : 1)].Split(':')[0]] = Uri.UnescapeDataString(parts[i]);
            else if (!segment.Equals(parts[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return parts.Length <= _segments.Length;
    }
}
