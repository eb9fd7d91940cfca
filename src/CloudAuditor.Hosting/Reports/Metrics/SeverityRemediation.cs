namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// One severity over the period: findings opened, findings closed (remediated by this tool or resolved by someone),
/// time to remediate, and the share of findings opened in the period that were closed within the SLA, of those whose
/// SLA has run out or that closed (null when there are none yet); and how many are open at the end.
/// </summary>
public sealed record SeverityRemediation(string Severity, int Opened, int Closed, DurationStats TimeToRemediate, int SlaHours, double? WithinSlaPercent,
    int OpenAtEnd);
