using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>What a listing enumerates: the resource it lists (an account, a target) and the kind of what it yields.</summary>
public sealed record ListingScope(ResourceRef Resource, string Kind);
