namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>Findings opened (or reopened) in the ISO week starting on <see cref="Week"/>, of one type and severity.</summary>
public sealed record WeeklyCount(DateOnly Week, string Type, string Severity, int Count);
