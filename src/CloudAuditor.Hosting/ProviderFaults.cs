using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.Hosting;

/// <summary>
/// Every provider's SDK knowledge at once, for the places that cannot know which SDK failed: the state store, the
/// Functions queues, and the process boundary of each host, where whatever escapes becomes one sentence.
/// </summary>
public sealed class ProviderFaults : IFaultClassifier
{
    public static ProviderFaults Instance { get; } = new();

    public Fault? Classify(Exception exception, CancellationToken cancellationToken) =>
        AzureFaults.Instance.Classify(exception, cancellationToken) ?? AwsFaults.Instance.Classify(exception, cancellationToken);

    /// <summary>What escaped a host's command or invocation, as a fault; cancellation by the caller still propagates.</summary>
    public static Fault Of(Exception exception, CancellationToken cancellationToken) => FaultClassifier.Classify(exception, cancellationToken, Instance);
}
