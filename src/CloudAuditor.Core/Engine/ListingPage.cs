namespace CloudAuditor.Core.Engine;

/// <summary>
/// One page of one level of a store's key hierarchy ('/' as delimiter): the objects at that level, the child prefixes
/// (each ending in '/'), and where the next page starts (null on the level's last page).
/// </summary>
public sealed record ListingPage(IReadOnlyList<StoredObject> Objects, IReadOnlyList<string> Prefixes, string? Continuation);
