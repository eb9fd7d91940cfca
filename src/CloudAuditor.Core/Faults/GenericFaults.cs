namespace CloudAuditor.Core.Faults;

/// <summary>No SDK of its own: only the generic rules of <see cref="FaultClassifier"/> apply.</summary>
public sealed class GenericFaults : IFaultClassifier
{
    public static GenericFaults Instance { get; } = new();

    public Fault? Classify(Exception exception, CancellationToken cancellationToken) => null;
}
