using CloudAuditor.Core.Engine;

namespace CloudAuditor.Core.State;

/// <summary>
/// Readings of a change log (an Azure account's blob change feed) that one process made and published, so the other processes
/// of a sweep (Functions instances on other shards of the account) take each container's changes from the state they share
/// instead of reading the log again (<see cref="ChangeLogSharing"/>). A reading is named by its log and <c>asOf</c>, the log's
/// last published segment; publishing one forgets the log's readings from more than a day before it.
/// </summary>
public interface IChangeReadings
{
    /// <summary>Stores every container's changes first and the window last, so a reader that sees the window finds them all.</summary>
    Task PublishChangesAsync(string log, DateTimeOffset asOf, ChangeReading reading, CancellationToken cancellationToken);

    /// <returns>Null until the reading is published whole.</returns>
    Task<ChangeWindow?> GetChangeWindowAsync(string log, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <returns>Null when the reading holds no change in the container.</returns>
    Task<ChangedObjects?> GetChangesAsync(string log, DateTimeOffset asOf, string container, CancellationToken cancellationToken);
}
