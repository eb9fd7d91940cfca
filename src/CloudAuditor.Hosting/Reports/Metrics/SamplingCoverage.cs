namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// How much of the storage had its content inspected lately: of the containers and buckets seen in the last
/// <see cref="Days"/> days (each has a public-access finding every sweep), how many were sampled completely in that time.
/// </summary>
public sealed record SamplingCoverage(int Days, int Sampled, int Known, double? Percent);
