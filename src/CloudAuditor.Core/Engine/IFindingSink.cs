using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Where findings go: an output format, a store, a notifier. Called from concurrent targets.</summary>
public interface IFindingSink
{
    ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken);

    ValueTask CompleteAsync(CancellationToken cancellationToken);
}
