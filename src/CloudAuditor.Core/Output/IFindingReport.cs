using CloudAuditor.Core.Engine;

namespace CloudAuditor.Core.Output;

/// <summary>A format written once the sweep is over, from every finding in the spill and the sweep's summary.</summary>
public interface IFindingReport
{
    Task WriteAsync(FindingSpill findings, SweepSummary summary, CancellationToken cancellationToken);
}
