namespace CloudAuditor.Core.Faults;

/// <summary>A provider's knowledge of its SDK's exceptions: status codes and error codes as faults.</summary>
public interface IFaultClassifier
{
    /// <returns>Null when the exception is not one of this SDK's; the generic rules then apply.</returns>
    Fault? Classify(Exception exception, CancellationToken cancellationToken);
}
