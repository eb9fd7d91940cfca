namespace CloudAuditor.Core.Model;

/// <summary>
/// One enabled lifecycle rule: which objects it covers, and after how many days it deletes current objects and
/// noncurrent versions (null when it does not).
/// </summary>
public sealed record LifecycleRule(string Id, LifecycleScope Scope, int? ExpirationDays, int? NoncurrentExpirationDays);
