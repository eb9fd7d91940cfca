namespace CloudAuditor.Core.Model;

/// <summary>Whether a setting of a subject is known, whatever its type: what coverage accounting and error findings read.</summary>
public interface IObservation
{
    ObservationState State { get; }

    bool IsKnown { get; }

    string? Unreadable { get; }

    Faults.Fault? Fault { get; }
}
