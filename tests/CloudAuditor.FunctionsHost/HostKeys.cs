using System.Security.Cryptography;
using System.Text;

namespace CloudAuditor.FunctionsHost;

/// <summary>
/// The host's keys, made fresh at every start (the real host keeps them in AzureWebJobsSecretStorage): the master key, one
/// host-level function key ("default", valid for every function) and the Event Grid extension's system key.
/// </summary>
public sealed class HostKeys
{
    public string Master { get; } = NewKey();
    public string Default { get; } = NewKey();
    public string EventGrid { get; } = NewKey();

    /// <summary>The key a request carries, in ?code= or the x-functions-key header.</summary>
    public static string? Presented(HttpRequest request) =>
        request.Query.TryGetValue("code", out var code) ? code.ToString()
        : request.Headers.TryGetValue("x-functions-key", out var header) ? header.ToString() : null;

    /// <summary>authLevel anonymous, function (a function or the master key) or admin (the master key only).</summary>
    public bool Allows(string authLevel, string? key) =>
        authLevel.Equals("anonymous", StringComparison.OrdinalIgnoreCase) || Same(key, Master) ||
        (!authLevel.Equals("admin", StringComparison.OrdinalIgnoreCase) && Same(key, Default));

    public bool AllowsSystem(string? key) => Same(key, EventGrid) || Same(key, Master);

    private static bool Same(string? presented, string key) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(key));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}
