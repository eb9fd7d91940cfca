using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// One reading of a change log across the processes of a sweep (Functions instances on shards of one storage account): the
/// first process to need a reading takes its lease in the state store, reads the log, and publishes every container's changes
/// (<see cref="IChangeReadings"/>); the others wait for the publication and take their containers' changes from the store.
/// The reader renews its lease while it reads; a reader that dies stops renewing, and the next process to find the lease
/// expired (at once, when the reader was a process of the same machine: <see cref="LeaseHolder"/>) reads in its place. A
/// process that waited <see cref="MaxWait"/>, or whose store cannot coordinate, reads the log itself: sharing saves reads,
/// it never loses changes.
/// </summary>
public sealed class ChangeLogSharing(IStateStore store, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    /// <param name="log">The change log's identity (its account's endpoint).</param>
    /// <param name="asOf">The log's last published segment: readings of the same log as of the same segment are the same.</param>
    /// <param name="read">Reads the log here, reporting its own failures as a window not used; whatever it returns is published.</param>
    public async Task<ChangeLookup> ReadOnceAsync(string log, DateTimeOffset asOf, Func<CancellationToken, Task<ChangeReading>> read,
        CancellationToken cancellationToken)
    {
        var scope = LeaseScope(log, asOf);
        var holder = LeaseHolder.New();
        var deadline = time.GetUtcNow() + MaxWait;
        try
        {
            while (true)
            {
                if (await store.GetChangeWindowAsync(log, asOf, cancellationToken) is { } published)
                {
                    logger.LogInformation("Change log {Log} as of {AsOf:u}: using the reading another process published", log, asOf);
                    return ChangeLookup.Published(store, log, asOf, published, logger);
                }
                if (await store.TryLeaseAsync(scope, holder, LeaseDuration, time.GetUtcNow(), cancellationToken) is not { } held)
                {
                    // Published between the look above and the lease (its reader has just released it): nothing to read.
                    if (await store.GetChangeWindowAsync(log, asOf, cancellationToken) is { } justPublished)
                    {
                        await store.ReleaseLeaseAsync(scope, holder, cancellationToken);
                        return ChangeLookup.Published(store, log, asOf, justPublished, logger);
                    }
                    return await ReadAndPublishAsync(log, asOf, scope, holder, read, cancellationToken);
                }
                if (LeaseHolder.IsGoneFromHere(held.Holder))
                {
                    logger.LogWarning("Change log {Log}: taking over the reading of {Holder}, a process of this machine that no longer runs", log, held.Holder);
                    await store.ReleaseLeaseAsync(scope, held.Holder, cancellationToken);
                    continue;
                }
                if (time.GetUtcNow() >= deadline)
                {
                    logger.LogWarning("Change log {Log}: {Holder} has been reading it for more than {Minutes} minutes; reading it here too", log,
                        held.Holder, MaxWait.TotalMinutes);
                    return ChangeLookup.Read(await read(cancellationToken));
                }
                await Task.Delay(Poll, time, cancellationToken);
            }
        }
#pragma warning disable CA1031 // Coordination only saves reads: a store that cannot coordinate means reading here.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            logger.LogWarning("Change log {Log}: the state store could not coordinate its reading ({Reason}); reading it here", log, e.Message);
            return ChangeLookup.Read(await read(cancellationToken));
        }
    }

    /// <summary>The lease its reader holds while it reads the log as of <paramref name="asOf"/>.</summary>
    public static string LeaseScope(string log, DateTimeOffset asOf) => $"changes:{log}:{asOf.UtcTicks}";

    private async Task<ChangeLookup> ReadAndPublishAsync(string log, DateTimeOffset asOf, string scope, string holder,
        Func<CancellationToken, Task<ChangeReading>> read, CancellationToken cancellationToken)
    {
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A reader whose renewals stall may lose the lease to another: both then read, and publish the same reading.
        var renewing = LeaseRenewal.KeepAsync(store, scope, holder, LeaseDuration, time, other =>
            logger.LogInformation("Change log {Log}: the reading's lease passed to {Holder}", log, other.Holder), renewal.Token);
        try
        {
            var result = await read(cancellationToken);
            try
            {
                await store.PublishChangesAsync(log, asOf, result, cancellationToken);
            }
#pragma warning disable CA1031 // Not published: the others find the lease free once it is released, and read the log themselves.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                logger.LogWarning("Change log {Log}: its reading could not be published for other processes ({Reason})", log, e.Message);
            }
            return ChangeLookup.Read(result);
        }
        finally
        {
            await renewal.CancelAsync();
            try
            {
                await renewing;
                await store.ReleaseLeaseAsync(scope, holder, CancellationToken.None);
            }
#pragma warning disable CA1031 // The reading is done either way; a lease the store could not renew or release lapses within a minute.
            catch (Exception e)
#pragma warning restore CA1031
            {
                logger.LogWarning("Change log {Log}: the state store could not release its reading's lease ({Reason}); it lapses within a minute",
                    log, e.Message);
            }
        }
    }
}
