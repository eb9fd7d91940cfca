using System.Collections.Concurrent;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Notifications;

/// <summary>
/// Collects open and remediated findings per owner during a sweep and, at its end, sends each owner one digest on
/// every channel. An open finding already sent to the same owner within the window is left out; a digest that would
/// be empty is not sent.
/// </summary>
public sealed class NotificationSink(
    IReadOnlyList<INotificationChannel> channels, IStateStore state, TimeSpan window, string configHint, TimeProvider time, ILogger logger) : IFindingSink
{
    private readonly ConcurrentQueue<Finding> _findings = new();

    public IReadOnlyList<OwnerDigest> Sent => _sent;

    private readonly List<OwnerDigest> _sent = [];

    public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        if (finding.Status is FindingStatus.Fail or FindingStatus.Remediated && finding.Owner is not null) _findings.Enqueue(finding);
        return ValueTask.CompletedTask;
    }

    public async ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken)
    {
        if (channels.Count == 0) return;
        var now = time.GetUtcNow();
        foreach (var owner in _findings.GroupBy(f => f.Owner!, StringComparer.OrdinalIgnoreCase))
        {
            var due = new List<Finding>();
            foreach (var finding in owner.DistinctBy(f => f.Fingerprint))
            {
                var last = finding.Status == FindingStatus.Fail ? await state.LastNotifiedAsync(owner.Key, finding.Fingerprint, cancellationToken) : null;
                if (last is null || now - last >= window) due.Add(finding);
            }
            if (due.Count == 0) continue;
            var digest = new OwnerDigest(owner.Key, due, now, configHint);
            if (await SendAsync(digest, cancellationToken))
            {
                foreach (var finding in due) await state.RecordNotificationAsync(owner.Key, finding.Fingerprint, now, cancellationToken);
                _sent.Add(digest);
            }
        }
    }

    /// <returns>Whether at least one channel took the digest (so it counts as sent for the window).</returns>
    private async Task<bool> SendAsync(OwnerDigest digest, CancellationToken cancellationToken)
    {
        var delivered = false;
        foreach (var channel in channels)
        {
            try
            {
                await channel.SendAsync(digest, cancellationToken);
                delivered = true;
            }
            catch (NotificationException e)
            {
                logger.LogWarning("Notice to an owner via {Channel} failed: {Reason}", channel.Name, e.Message);
            }
        }
        return delivered;
    }
}
