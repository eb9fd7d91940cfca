namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>How many durations were measured, and their median and 90th percentile in hours (nearest rank); nulls when none.</summary>
public sealed record DurationStats(int Count, double? P50Hours, double? P90Hours)
{
    public static DurationStats Of(IEnumerable<TimeSpan> durations)
    {
        var hours = durations.Select(d => Math.Max(0, d.TotalHours)).Order().ToList();
        return hours.Count == 0 ? new(0, null, null) : new(hours.Count, Rank(hours, 0.5), Rank(hours, 0.9));
    }

    private static double Rank(List<double> sorted, double percentile) =>
        Math.Round(sorted[Math.Max(0, (int)Math.Ceiling(percentile * sorted.Count) - 1)], 2);
}
