namespace CloudAuditor.Core.Model;

/// <summary>
/// A setting as read from the cloud: its value (null meaning "not configured"), or the reason it could
/// not be read. Keeps "no policy" and "could not read the policy" apart, which checks must not confuse.
/// </summary>
public sealed record Observed<T>(T? Value, string? Unreadable) where T : class
{
    public bool IsKnown => Unreadable is null;

    public static Observed<T> Of(T? value) => new(value, null);

    public static Observed<T> Failed(string reason) => new(null, reason);
}
