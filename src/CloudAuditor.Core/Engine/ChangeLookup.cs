using CloudAuditor.Core.State;
using Microsoft.Extensions.Logging;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// A change log's reading as one process uses it: the reading it made itself (held in memory), or the one another process
/// published (each container's changes fetched from the state store when asked for).
/// </summary>
public sealed class ChangeLookup
{
    private readonly Func<string, CancellationToken, Task<ChangedObjects?>> _changes;

    private ChangeLookup(ChangeWindow window, Func<string, CancellationToken, Task<ChangedObjects?>> changes) => (Window, _changes) = (window, changes);

    public ChangeWindow Window { get; }

    /// <summary>A container the reading saw no change in.</summary>
    private static ChangedObjects Unchanged(ChangeWindow window) => new([], 0, window.Through);

    public static ChangeLookup Read(ChangeReading reading) => new(reading.Window, (container, _) =>
        Task.FromResult<ChangedObjects?>(reading.Containers.GetValueOrDefault(container) ?? Unchanged(reading.Window)));

    /// <param name="logger">Told when the store cannot answer for a container: that container is listed instead.</param>
    public static ChangeLookup Published(IChangeReadings store, string log, DateTimeOffset asOf, ChangeWindow window, ILogger logger) =>
        new(window, async (container, cancellationToken) =>
        {
            try
            {
                return await store.GetChangesAsync(log, asOf, container, cancellationToken) ?? Unchanged(window);
            }
#pragma warning disable CA1031 // The published reading only saves a listing: a store that cannot answer means listing this container.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                logger.LogWarning("The published change log reading for container {Container} could not be read from the state store ({Reason}); " +
                    "it is listed instead", container, e.Message);
                return null;
            }
        });

    /// <returns>What changed in the container (nothing, when the reading saw no change there); null when that cannot be known: list it.</returns>
    public Task<ChangedObjects?> ForAsync(string container, CancellationToken cancellationToken) => _changes(container, cancellationToken);
}
