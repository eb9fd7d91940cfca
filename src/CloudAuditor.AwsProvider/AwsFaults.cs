using Amazon.Runtime;
using Amazon.Runtime.Internal;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.AwsProvider;

/// <summary>The AWS SDK's failures as faults: status and error code of AmazonServiceException, and client-side failures.</summary>
public sealed class AwsFaults : IFaultClassifier
{
    public static AwsFaults Instance { get; } = new();

    public Fault? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException failed when StatusOf(failed) is { } status => HttpFaults.Of(status, failed.ErrorCode),
        AmazonServiceException { InnerException: { } inner } => FaultClassifier.Classify(inner, cancellationToken),
        AmazonServiceException => new Fault(FaultKind.Unreachable, "no answer"),
        AmazonClientException { InnerException: { } inner } => FaultClassifier.Classify(inner, cancellationToken, this),
        AmazonClientException => new Fault(FaultKind.AuthenticationFailed,
            "no AWS credentials could be resolved (keys, profile, role or web identity): configure the target's credentials"),
        _ => null,
    };

    /// <summary>A failed read of one setting, named by its operation: "GetBucketAcl: 501 NotImplemented".</summary>
    public static Fault Of(string operation, AmazonServiceException exception)
    {
        if (StatusOf(exception) is { } status) return HttpFaults.Of(status, exception.ErrorCode, operation);
        var fault = Instance.Classify(exception, CancellationToken.None)!;
        return fault with { Reason = $"{operation}: {fault.Reason}" };
    }

    /// <summary>The answer's status; the SDK leaves StatusCode unset on some unmarshalled errors (throttling among them), the response has it.</summary>
    private static int? StatusOf(AmazonServiceException exception) =>
        exception.StatusCode != 0 ? (int)exception.StatusCode
        : exception.InnerException is HttpErrorResponseException { Response: { } response } ? (int)response.StatusCode
        : null;
}
