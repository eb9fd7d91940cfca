namespace CloudAuditor.Core.Engine;

/// <summary>The objects of one container or bucket, as a provider exposes them for sampling: list, then range-read.</summary>
public interface IObjectStore
{
    /// <summary>The ids of the content findings about this kind of store.</summary>
    Checks.ContentChecks Checks { get; }

    /// <summary>One page of the level under <paramref name="prefix"/> ("" for the top), at most <paramref name="pageSize"/> names.</summary>
    Task<ListingPage> ListLevelAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken);

    /// <summary>One object by key (an event names it); null when it no longer exists.</summary>
    Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="length"/> bytes of the object (all of it when shorter).</summary>
    Task<Stream> OpenRangeAsync(string key, long length, CancellationToken cancellationToken);

    /// <summary>
    /// The objects changed since <paramref name="since"/>, from a change log the store keeps, at most the <paramref name="newest"/>
    /// of them (a log shared by many containers may take the first caller's number for all); null when it keeps none that
    /// reaches back that far (or it could not be read: the caller then lists instead, and nothing is lost).
    /// </summary>
    Task<ChangedObjects?> ChangesSinceAsync(DateTimeOffset since, int newest, CancellationToken cancellationToken) =>
        Task.FromResult<ChangedObjects?>(null);
}
