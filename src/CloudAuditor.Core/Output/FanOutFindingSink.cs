using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>Sends each finding to several sinks (output format, state store, notifier) in order.</summary>
public sealed class FanOutFindingSink(params IFindingSink[] sinks) : IFindingSink
{
    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks) await sink.WriteAsync(finding, cancellationToken);
    }

    public async ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken)
    {
        foreach (var sink in sinks) await sink.CompleteAsync(summary, cancellationToken);
    }
}
