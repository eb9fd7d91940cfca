namespace CloudAuditor.Core.State;

/// <summary>
/// What content sampling remembers per container or bucket, so a sweep reads what changed since the last one: the
/// watermark (objects modified after it are new to the next sweep) and the objects already read at their current version
/// (an event's scan, a sweep's), kept only until the watermark passes them.
/// </summary>
public interface ISamplingHistory
{
    /// <returns>Null before the container's first complete sampling.</returns>
    Task<DateTimeOffset?> WatermarkAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Every container's watermark: when each was last sampled completely (for the share of containers sampled lately).</summary>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> ListWatermarksAsync(CancellationToken cancellationToken);

    /// <summary>Moves the watermark and forgets the object reads it now covers.</summary>
    Task SetWatermarkAsync(string containerId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <param name="version">The object's last-modified time when it was read.</param>
    Task RecordObjectReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken);

    Task<bool> WasReadAsync(string containerId, string key, DateTimeOffset version, CancellationToken cancellationToken);
}
