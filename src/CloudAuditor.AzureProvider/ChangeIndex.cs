using CloudAuditor.Core.Engine;
using CloudAuditor.Core.State;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// The changes a change feed holds between two times, per container: the newest <c>keep</c> blobs written and not
/// deleted since (trimmed whenever a container holds twice that, so memory is bounded by containers × keep), and how
/// many changes each container saw in all.
/// </summary>
/// <param name="from">Every change at or after this time is in the index.</param>
/// <param name="through">Changes after this time may not be published in the feed yet.</param>
internal sealed class ChangeIndex(DateTimeOffset from, DateTimeOffset through, int keep)
{
    private readonly Dictionary<string, Dictionary<string, StoredObject>> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public DateTimeOffset From => from;

    public DateTimeOffset Through => through;

    public int Seen => _seen.Values.Sum();

    /// <summary>Applies one event in feed order (the feed orders each blob's events).</summary>
    public void Add(ChangeEvent change)
    {
        if (change.Container.Length == 0 || !(change.IsWrite || change.IsDelete)) return;
        if (!_containers.TryGetValue(change.Container, out var blobs)) _containers[change.Container] = blobs = new(StringComparer.Ordinal);
        if (change.IsDelete)
        {
            blobs.Remove(change.Blob);
            return;
        }
        _seen[change.Container] = _seen.GetValueOrDefault(change.Container) + 1;
        blobs[change.Blob] = new StoredObject(change.Blob, change.Size, change.Time);
        if (blobs.Count < 2 * keep) return;
        foreach (var older in blobs.Values.OrderByDescending(b => b.LastModified).Skip(keep).ToList()) blobs.Remove(older.Key);
    }

    /// <summary>The index as a reading to use and publish: every container it saw a change in.</summary>
    public ChangeReading Reading() => new(new ChangeWindow(from, through, Unused: null),
        _containers.Keys.ToDictionary(container => container, For, StringComparer.Ordinal));

    private ChangedObjects For(string container) => new(
        _containers.TryGetValue(container, out var blobs) ? [.. blobs.Values.OrderByDescending(b => b.LastModified)] : [],
        _seen.GetValueOrDefault(container), through);
}
