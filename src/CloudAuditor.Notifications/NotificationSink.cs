using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Notifications;

/// <summary>
/// Keeps the open and remediated findings of a sweep per owner in the sweep ledger as they come (every shard of the sweep,
/// in whatever process, adds to the same notices; a re-run shard replaces its own), and at the sweep's fan-in sends each
/// owner one digest on every channel. An open finding already sent to the same owner within the window is left out; a
/// digest that would be empty is not sent.
/// </summary>
public sealed class NotificationSink(IReadOnlyList<INotificationChannel> channels, IStateStore state, string sweepId, TimeSpan window, string configHint,
    TimeProvider time, ILogger logger) : IFindingSink
{
    public async ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
    {
        if (channels.Count > 0 && finding.Status is FindingStatus.Fail or FindingStatus.Remediated && finding.Owner is not null)
            await state.AddNoticeAsync(sweepId, finding, cancellationToken);
    }

    public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The fan-in: call once per sweep, after the ledger's close said so.</summary>
    /// <returns>The digests sent.</returns>
    public async Task<IReadOnlyList<OwnerDigest>> SendDigestsAsync(CancellationToken cancellationToken)
    {
        var sent = new List<OwnerDigest>();
        if (channels.Count == 0) return sent;
        var now = time.GetUtcNow();
        var owner = new List<Finding>();
        await foreach (var notice in state.ListNoticesAsync(sweepId, cancellationToken))
        {
            if (owner.Count > 0 && !string.Equals(owner[0].Owner, notice.Owner, StringComparison.OrdinalIgnoreCase))
            {
                if (await SendAsync(owner, now, cancellationToken) is { } digest) sent.Add(digest);
                owner = [];
            }
            owner.Add(notice);
        }
        if (owner.Count > 0 && await SendAsync(owner, now, cancellationToken) is { } last) sent.Add(last);
        return sent;
    }

    /// <returns>The digest, when one was due and a channel took it.</returns>
    private async Task<OwnerDigest?> SendAsync(List<Finding> findings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var to = findings[0].Owner!;
        var due = new List<Finding>();
        foreach (var finding in findings)
        {
            var last = finding.Status == FindingStatus.Fail ? await state.LastNotifiedAsync(to, finding.Fingerprint, cancellationToken) : null;
            if (last is null || now - last >= window) due.Add(finding);
        }
        if (due.Count == 0) return null;
        var digest = new OwnerDigest(to, due, now, configHint);
        if (!await SendAsync(digest, cancellationToken)) return null;
        foreach (var finding in due) await state.RecordNotificationAsync(to, finding.Fingerprint, now, cancellationToken);
        return digest;
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
