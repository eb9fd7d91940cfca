namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// An exemption whose expiry falls within the next 30 days of the report: a configuration rule (its resource pattern and
/// checks) or an exempt finding of a resource whose tag or metadata exempts it (the resource and the check).
/// </summary>
public sealed record ExpiringExemption(string Resource, string Checks, DateOnly Expires, string Reason);
