namespace CloudAuditor.Core.Engine;

/// <summary>
/// What a store's change log (Azure's blob change feed) says changed in one container since a time, without listing it:
/// the newest objects created or rewritten there and still present at the log's end, at most as many as the log keeps
/// per container (<paramref name="Seen"/> counts them all).
/// </summary>
/// <param name="Through">The log is complete up to this time; later changes are not in it yet.</param>
public sealed record ChangedObjects(IReadOnlyList<StoredObject> Objects, int Seen, DateTimeOffset Through);
