namespace CloudAuditor.Core.State;

/// <summary>Who holds a scope (an enforce run on a target) and until when; it lapses by itself if the holder dies.</summary>
public sealed record Lease(string Scope, string Holder, DateTimeOffset ExpiresAt);
