namespace CloudAuditor.Core.State;

/// <summary>
/// The span a published reading of a change log covers (<see cref="IChangeReadings"/>), or why its reader did not use the log,
/// so the processes that waited for it do not try either.
/// </summary>
/// <param name="From">Every change at or after this time is in the reading.</param>
/// <param name="Through">Changes after this time may not be published in the log yet.</param>
/// <param name="Unused">Why the log was not used (absent, too long, malformed…); null when it was read.</param>
public sealed record ChangeWindow(DateTimeOffset From, DateTimeOffset Through, string? Unused)
{
    public static ChangeWindow NotUsed(string reason) => new(DateTimeOffset.MinValue, DateTimeOffset.MinValue, reason);
}
