using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>What a listing enumerates: the resource it lists (an account, a target) and the kind of what it yields.</summary>
/// <param name="Sharded">This is the target's top-level listing: a sharded sweep audits only the resources its shard owns.</param>
public sealed record ListingScope(ResourceRef Resource, string Kind, bool Sharded = false);
