using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Checks.Retention;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;

namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// Data-leakage metrics from the findings' history: detections per week by type and severity, time to detect (the
/// cloud event's time to the first sighting, where an event's sweep knew it), time to remediate and the share closed
/// within the SLA per severity, critical findings open at each week's end, exemptions about to expire; and, from the
/// state as it is, retention compliance per data class and the share of storage whose content was sampled lately.
/// </summary>
public sealed record LeakageMetrics(DateTimeOffset Since, DateTimeOffset Until, IReadOnlyList<WeeklyCount> Detections, DurationStats TimeToDetect,
    IReadOnlyList<SeverityRemediation> Remediation, IReadOnlyList<WeeklyOpen> OpenCritical, IReadOnlyList<ExpiringExemption> ExpiringExemptions)
{
    private sealed record Episode(Severity Severity, DateTimeOffset Opened, DateTimeOffset? Closed);

    public IReadOnlyList<ClassCompliance> Retention { get; init; } = [];

    public SamplingCoverage? Sampling { get; init; }

    /// <summary>Days within which a container counts as recently sampled.</summary>
    public const int SampledWithinDays = 30;

    /// <summary>Every figure, from the state store: the history streamed, the current findings and the sampling watermarks.</summary>
    public static async Task<LeakageMetrics> CollectAsync(IStateStore state, AuditorConfig config, DateTimeOffset since, DateTimeOffset until,
        CancellationToken cancellationToken)
    {
        var metrics = await ComputeAsync(state.ListTransitionsAsync(DateTimeOffset.MinValue, cancellationToken), since, until, config.Reporting,
            config.Remediation.Exemptions, cancellationToken);
        var recent = until.AddDays(-SampledWithinDays);
        var retention = new Dictionary<string, (int Compliant, int NonCompliant, int NotJudged)>(StringComparer.Ordinal);
        var known = new HashSet<string>(StringComparer.Ordinal);
        var exempt = new List<ExpiringExemption>();
        var (today, soon) = (DateOnly.FromDateTime(until.UtcDateTime), DateOnly.FromDateTime(until.UtcDateTime.AddDays(30)));
        await foreach (var record in state.ListFindingsAsync(cancellationToken))
        {
            // Exemptions set by tags or metadata live on the resources: their findings say until when.
            if (record is { Status: FindingStatus.Exempt, ExemptUntil: { } expires } && expires >= today && expires <= soon && record.LastSeen >= since)
                exempt.Add(new ExpiringExemption(record.ResourceId, record.CheckId, expires, record.ExemptReason ?? ""));
            if (record.CheckId is AzureContainerRetentionCheck.Id or S3BucketRetentionCheck.Id && record.LastSeen >= since)
            {
                var (compliant, nonCompliant, notJudged) = retention.GetValueOrDefault(record.DataClass ?? "(unlabelled)");
                retention[record.DataClass ?? "(unlabelled)"] = record.Status switch
                {
                    FindingStatus.Pass => (compliant + 1, nonCompliant, notJudged),
                    FindingStatus.Fail => (compliant, nonCompliant + 1, notJudged),
                    _ => (compliant, nonCompliant, notJudged + 1),
                };
            }
            if (record.CheckId is ContainerPublicAccessCheck.Id or PublicAccessBlockCheck.Id && record.LastSeen >= recent)
                known.Add(record.ResourceId);
        }
        var marks = await state.ListWatermarksAsync(cancellationToken);
        var sampled = known.Count(id => marks.TryGetValue(id, out var at) && at >= recent);
        return metrics with
        {
            Retention = [.. retention.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new ClassCompliance(r.Key, r.Value.Compliant,
                r.Value.NonCompliant, r.Value.NotJudged, Percent(r.Value.Compliant, r.Value.Compliant + r.Value.NonCompliant)))],
            Sampling = new SamplingCoverage(SampledWithinDays, sampled, known.Count, Percent(sampled, known.Count)),
            ExpiringExemptions = [.. metrics.ExpiringExemptions.Concat(exempt).OrderBy(e => e.Expires).ThenBy(e => e.Resource, StringComparer.Ordinal)],
        };
    }

    private static double? Percent(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);

    /// <param name="history">
    /// Every transition from the start of the history, oldest first (findings opened before the period can be open in it), streamed:
    /// what is held is the open findings and the episodes that touch the period.
    /// </param>
    public static async Task<LeakageMetrics> ComputeAsync(IAsyncEnumerable<FindingTransition> history, DateTimeOffset since, DateTimeOffset until,
        ReportingSettings reporting, IEnumerable<ExemptionRule> exemptions, CancellationToken cancellationToken)
    {
        var open = new Dictionary<string, (Severity Severity, DateTimeOffset Opened)>(StringComparer.Ordinal);
        var episodes = new List<Episode>();
        var detections = new Dictionary<(DateOnly, string, string), int>();
        var detect = new List<TimeSpan>();
        var weekEnds = WeekStarts(since, until).Select(start => start.AddDays(7)).ToList();
        var openCritical = new List<WeeklyOpen>();
        void SnapshotUntil(DateTimeOffset at)
        {
            while (openCritical.Count < weekEnds.Count && At(weekEnds[openCritical.Count]) <= at)
                openCritical.Add(new(weekEnds[openCritical.Count].AddDays(-1), open.Values.Count(o => o.Severity == Severity.Critical)));
        }
        await foreach (var change in history.WithCancellation(cancellationToken))
        {
            if (change.At > until) break;
            SnapshotUntil(change.At);
            switch (change.Kind)
            {
                case TransitionKind.Opened or TransitionKind.Reopened:
                    open[change.Fingerprint] = (change.Severity, change.At);
                    if (change.At < since) break;
                    var key = (WeekStart(change.At), Name(change.Type), Name(change.Severity));
                    detections[key] = detections.GetValueOrDefault(key) + 1;
                    if (change.EventTime is { } happened) detect.Add(change.At - happened);
                    break;
                case TransitionKind.Remediated or TransitionKind.Resolved when open.Remove(change.Fingerprint, out var was):
                    if (change.At >= since) episodes.Add(new(was.Severity, was.Opened, change.At));
                    break;
                case TransitionKind.Exempted:
                    // An exemption is a decision, not a fix: the finding leaves the open count and the remediation figures.
                    open.Remove(change.Fingerprint);
                    break;
            }
        }
        SnapshotUntil(until);
        episodes.AddRange(open.Values.Select(o => new Episode(o.Severity, o.Opened, null)));
        return new LeakageMetrics(since, until,
            [.. detections.Select(d => new WeeklyCount(d.Key.Item1, d.Key.Item2, d.Key.Item3, d.Value)).OrderBy(d => d.Week).ThenBy(d => d.Type)
                .ThenBy(d => d.Severity)],
            DurationStats.Of(detect),
            [.. Enum.GetValues<Severity>().Select(severity => RemediationOf(severity, episodes.Where(e => e.Severity == severity).ToList(), since, until,
                SlaHours(reporting, severity)))],
            openCritical,
            [.. exemptions.Where(e => e.Expires is { } expires && expires >= DateOnly.FromDateTime(until.UtcDateTime)
                    && expires <= DateOnly.FromDateTime(until.UtcDateTime.AddDays(30)))
                .Select(e => new ExpiringExemption(e.Resource, e.Checks.Count == 0 ? "*" : string.Join(" ", e.Checks), e.Expires!.Value, e.Reason))
                .OrderBy(e => e.Expires)]);
    }

    private static SeverityRemediation RemediationOf(Severity severity, List<Episode> episodes, DateTimeOffset since, DateTimeOffset until, int slaHours)
    {
        var sla = TimeSpan.FromHours(slaHours);
        var opened = episodes.Where(e => e.Opened >= since).ToList();
        var closed = episodes.Where(e => e.Closed is { } at && at >= since).ToList();
        var judged = opened.Where(e => e.Closed is not null || until - e.Opened > sla).ToList();
        var within = Percent(judged.Count(e => e.Closed - e.Opened <= sla), judged.Count);
        return new SeverityRemediation(Name(severity), opened.Count, closed.Count, DurationStats.Of(closed.Select(e => e.Closed!.Value - e.Opened)),
            slaHours, within, episodes.Count(e => e.Closed is null));
    }

    /// <summary>The configured SLA, or the default for a severity the configuration leaves out.</summary>
    private static int SlaHours(ReportingSettings reporting, Severity severity) =>
        reporting.SlaHours.TryGetValue(severity, out var hours) ? hours : new ReportingSettings().SlaHours[severity];

    private static IEnumerable<DateOnly> WeekStarts(DateTimeOffset since, DateTimeOffset until)
    {
        for (var week = WeekStart(since); At(week) <= until; week = week.AddDays(7)) yield return week;
    }

    /// <summary>The Monday (UTC) of the ISO week the time falls in.</summary>
    private static DateOnly WeekStart(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
