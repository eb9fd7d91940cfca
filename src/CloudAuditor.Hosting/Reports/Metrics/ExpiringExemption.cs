namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>A configured exemption whose expiry falls within the next 30 days of the report.</summary>
public sealed record ExpiringExemption(string Resource, string Checks, DateOnly Expires, string Reason);
