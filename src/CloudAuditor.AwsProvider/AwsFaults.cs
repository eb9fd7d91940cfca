using Amazon.Runtime;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.AwsProvider;

/// <summary>The AWS SDK's failures as faults: status and error code of AmazonServiceException, and client-side failures.</summary>
public sealed class AwsFaults : IFaultClassifier
{
    public static AwsFaults Instance { get; } = new();

    public Fault? Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        AmazonServiceException { StatusCode: 0, InnerException: { } inner } => FaultClassifier.Classify(inner, cancellationToken),
        AmazonServiceException { StatusCode: 0 } => new Fault(FaultKind.Unreachable, "no answer"),
        AmazonServiceException failed => HttpFaults.Of((int)failed.StatusCode, failed.ErrorCode),
        AmazonClientException { InnerException: { } inner } => FaultClassifier.Classify(inner, cancellationToken),
        AmazonClientException => new Fault(FaultKind.AuthenticationFailed,
            "no AWS credentials could be resolved (keys, profile, role or web identity): configure the target's credentials"),
        _ => null,
    };

    /// <summary>A failed read of one setting, named by its operation: "GetBucketAcl: 501 NotImplemented".</summary>
    public static Fault Of(string operation, AmazonServiceException exception) =>
        exception.StatusCode == 0 ? Instance.Classify(exception, CancellationToken.None)! with { Reason = $"{operation}: no answer" }
        : HttpFaults.Of((int)exception.StatusCode, exception.ErrorCode, operation);
}
