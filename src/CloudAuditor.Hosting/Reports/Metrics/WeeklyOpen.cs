namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>Critical findings open at the end of the week ending on <see cref="WeekEnding"/>.</summary>
public sealed record WeeklyOpen(DateOnly WeekEnding, int OpenCritical);
