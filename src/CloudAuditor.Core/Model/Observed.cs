using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Model;

/// <summary>
/// A setting as read from the cloud: its value (null meaning "not configured"), or why it is not known. Keeps "no
/// policy" and "could not read the policy" apart, which checks must not confuse, and keeps a read that failed (a fault:
/// the resource is only partially audited) apart from one the configuration did not ask for (no ARM access given).
/// The one vocabulary for unknowns: checks, coverage accounting and reports all read it the same way.
/// </summary>
public sealed record Observed<T> : IObservation where T : class
{
    private Observed(T? value, ObservationState state, string? unreadable, Fault? fault) =>
        (Value, State, Unreadable, Fault) = (value, state, unreadable, fault);

    /// <summary>The value as read; null when the setting is not configured or not known (see <see cref="IsKnown"/>).</summary>
    public T? Value { get; }

    public ObservationState State { get; }

    /// <summary>Why the setting is not known (the operation and the answer, or what the configuration lacks); null when known.</summary>
    public string? Unreadable { get; }

    /// <summary>The failed read, classified; null unless <see cref="State"/> is Failed.</summary>
    public Fault? Fault { get; }

    public bool IsKnown => State == ObservationState.Read;

    public static Observed<T> Of(T? value) => new(value, ObservationState.Read, null, null);

    /// <summary>The read was attempted and failed (denied, not implemented, throttled, malformed).</summary>
    public static Observed<T> Failed(Fault fault) => new(null, ObservationState.Failed, fault.Reason, fault);

    /// <summary>The configuration gives no way to read it (no ARM resource id for account settings); not a fault.</summary>
    public static Observed<T> NotRead(string reason) => new(null, ObservationState.NotRead, reason, null);

    /// <summary>The same unknown for another setting read by the same request.</summary>
    public Observed<TOther> Map<TOther>(Func<T?, TOther?> read) where TOther : class =>
        IsKnown ? Observed<TOther>.Of(read(Value)) : new Observed<TOther>(null, State, Unreadable, Fault);
}
