using Azure;
using Azure.Identity;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.AzureProvider;

/// <summary>The Azure SDK's failures as faults: status and error code of RequestFailedException, and credential failures.</summary>
public sealed class AzureFaults : IFaultClassifier
{
    public static AzureFaults Instance { get; } = new();

    public Fault? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestFailedException { Status: 0, InnerException: { } inner } => FaultClassifier.Classify(inner, cancellationToken),
        RequestFailedException { Status: 0 } => new Fault(FaultKind.Unreachable, "no answer"),
        RequestFailedException failed => HttpFaults.Of(failed.Status, failed.ErrorCode),
        AuthenticationFailedException or CredentialUnavailableException => new Fault(FaultKind.AuthenticationFailed,
            "no Azure credential could sign in (managed identity, environment, Azure CLI): configure one, or use a connection string"),
        _ => null,
    };

    /// <summary>A failed read of one setting, named by its operation: "Get Blob Service Properties: 403 AuthorizationPermissionMismatch".</summary>
    public static Fault Of(string operation, RequestFailedException exception)
    {
        if (exception.Status != 0) return HttpFaults.Of(exception.Status, exception.ErrorCode, operation);
        var fault = Instance.Classify(exception, CancellationToken.None)!;
        return fault with { Reason = $"{operation}: {fault.Reason}" };
    }
}
