using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Where findings go: an output format, a store, a notifier. Called from concurrent targets.</summary>
public interface IFindingSink
{
    ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>The sweep is over; <paramref name="summary"/> holds its counts and coverage, for formats that report them.</summary>
    ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken);
}
