namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// Retention compliance of one data class, from the latest retention finding of each container and bucket seen in the
/// period: compliant, non-compliant, not judged (unreadable settings, exempt), and the compliant share of those judged.
/// </summary>
public sealed record ClassCompliance(string DataClass, int Compliant, int NonCompliant, int NotJudged, double? CompliantPercent);
