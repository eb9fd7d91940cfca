using System.Globalization;

namespace CloudAuditor.Core.Http;

/// <summary>
/// How long a service asked its client to wait before sending again: Azure Storage's x-ms-retry-after-ms (or
/// retry-after-ms), else Retry-After in seconds or as an HTTP date. The one reading of it, for the probes' retries and the
/// request budgets alike. A date already past asks for nothing (the caller's own backoff applies).
/// </summary>
public static class RetryAfter
{
    private static readonly string[] MillisecondHeaders = ["x-ms-retry-after-ms", "retry-after-ms"];

    /// <param name="header">A response header's value by name, null when absent.</param>
    public static TimeSpan? From(Func<string, string?> header, DateTimeOffset now)
    {
        foreach (var name in MillisecondHeaders)
            if (long.TryParse(header(name), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                return TimeSpan.FromMilliseconds(milliseconds);
        var value = header("Retry-After")?.Trim();
        if (value is null) return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) && date > now
            ? date - now : null;
    }

    public static TimeSpan? From(HttpResponseMessage response, DateTimeOffset now) =>
        From(name => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null, now);
}
