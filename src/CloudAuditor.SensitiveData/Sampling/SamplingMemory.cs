using CloudAuditor.Core.Engine;
using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// The sampler's use of the sampling history. A history that cannot be read or written costs reads, never coverage: a
/// watermark that cannot be read means "sample as if for the first time", an object read that cannot be looked up is
/// read again, and a write that fails is logged.
/// </summary>
public sealed class SamplingMemory(ISamplingHistory history, ILogger logger)
{
    /// <summary>The margin for clock skew between this host and the storage service's last-modified times.</summary>
    public static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    public async Task<DateTimeOffset?> WatermarkAsync(string containerId, CancellationToken cancellationToken) =>
        await TryAsync(() => history.WatermarkAsync(containerId, cancellationToken), "read the sampling watermark of", containerId);

    public async Task<bool> WasReadAsync(string containerId, StoredObject item, CancellationToken cancellationToken) =>
        item.LastModified is { } version
        && await TryAsync(() => history.WasReadAsync(containerId, item.Key, version, cancellationToken), "look up an earlier read in", containerId);

    public Task RecordReadAsync(string containerId, StoredObject item, CancellationToken cancellationToken) =>
        item.LastModified is { } version
            ? TryAsync(async () => { await history.RecordObjectReadAsync(containerId, item.Key, version, cancellationToken); return true; },
                "record an object read in", containerId)
            : Task.CompletedTask;

    /// <param name="walkStarted">When the container's listing began: objects modified later may not have been listed.</param>
    public Task AdvanceAsync(string containerId, DateTimeOffset walkStarted, CancellationToken cancellationToken) =>
        TryAsync(async () => { await history.SetWatermarkAsync(containerId, walkStarted - ClockMargin, cancellationToken); return true; },
            "move the sampling watermark of", containerId);

    private async Task<T?> TryAsync<T>(Func<Task<T>> action, string what, string containerId)
    {
        try
        {
            return await action();
        }
#pragma warning disable CA1031 // The history saves reads; failing to use it must not cost coverage, so every failure is logged and read around.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            logger.LogWarning("Could not {What} {Container} in the state store ({Reason}); sampling goes on without it", what, containerId,
                Core.Faults.FaultClassifier.Classify(e, CancellationToken.None).Reason);
            return default;
        }
    }
}
