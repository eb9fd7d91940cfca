using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.State;
using CloudAuditor.Hosting.Reports.Metrics;

namespace CloudAuditor.UnitTests.Reports;

public class LeakageMetricsTests
{
    /// <summary>Monday 2 November 2026: the period is two ISO weeks from here.</summary>
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    private static FindingTransition Change(string fingerprint, Severity severity, TransitionKind kind, DateTimeOffset at, DateTimeOffset? happened = null) =>
        new(fingerprint, "azure.container.public-access", FindingType.Exposure, severity, $"https://acct.blob.core.windows.net/{fingerprint}", kind, at,
            happened);

    private static async IAsyncEnumerable<FindingTransition> History()
    {
        FindingTransition[] changes =
        [
            Change("f4", Severity.Medium, TransitionKind.Opened, T0.AddDays(-30)),
            Change("f5", Severity.Critical, TransitionKind.Opened, T0.AddDays(-10)),
            Change("f1", Severity.Critical, TransitionKind.Opened, T0.AddHours(1), happened: T0.AddMinutes(30)),
            Change("f1", Severity.Critical, TransitionKind.Remediated, T0.AddHours(5)),
            Change("f5", Severity.Critical, TransitionKind.Remediated, T0.AddDays(1)),
            Change("f2", Severity.Critical, TransitionKind.Opened, T0.AddDays(2)),
            Change("f4", Severity.Medium, TransitionKind.Exempted, T0.AddDays(3)),
            Change("f3", Severity.High, TransitionKind.Opened, T0.AddDays(8)),
            Change("f3", Severity.High, TransitionKind.Resolved, T0.AddDays(12)),
        ];
        foreach (var change in changes)
        {
            await Task.Yield();
            yield return change;
        }
    }

    private static Task<LeakageMetrics> ComputeAsync() => LeakageMetrics.ComputeAsync(History(), T0, T0.AddDays(14), new ReportingSettings(),
        [
            new ExemptionRule { Resource = "*/$web", Checks = ["azure.container.public-access"], Reason = "site", Expires = new DateOnly(2026, 11, 26) },
            new ExemptionRule { Resource = "*/later", Reason = "later", Expires = new DateOnly(2027, 1, 30) },
        ], CancellationToken.None);

    [Fact]
    public async Task Detections_are_counted_per_iso_week_type_and_severity_within_the_period_only()
    {
        var metrics = await ComputeAsync();
        Assert.Equal([new WeeklyCount(new DateOnly(2026, 11, 2), "exposure", "critical", 2), new WeeklyCount(new DateOnly(2026, 11, 9), "exposure", "high", 1)],
            metrics.Detections);
    }

    [Fact]
    public async Task Time_to_detect_is_measured_only_where_the_cloud_event_time_is_known()
    {
        var metrics = await ComputeAsync();
        Assert.Equal(new DurationStats(1, 0.5, 0.5), metrics.TimeToDetect);
    }

    [Fact]
    public async Task Remediation_per_severity_counts_findings_opened_before_the_period_and_judges_the_sla()
    {
        var bySeverity = (await ComputeAsync()).Remediation.ToDictionary(r => r.Severity);

        var critical = bySeverity["critical"];
        Assert.Equal((2, 2, 1), (critical.Opened, critical.Closed, critical.OpenAtEnd));
        Assert.Equal(new DurationStats(2, 4, 264), critical.TimeToRemediate);
        // f1 closed in 4 h (within 24 h); f2 has been open 12 days: one of the two judged.
        Assert.Equal(50.0, critical.WithinSlaPercent);
        Assert.Equal((1, 1, 0.0, 0), (bySeverity["high"].Opened, bySeverity["high"].Closed, bySeverity["high"].WithinSlaPercent, bySeverity["high"].OpenAtEnd));
        // An exemption is a decision, not a fix: f4 leaves the open count without counting as closed.
        Assert.Equal((0, 0, (double?)null, 0), (bySeverity["medium"].Opened, bySeverity["medium"].Closed, bySeverity["medium"].WithinSlaPercent,
            bySeverity["medium"].OpenAtEnd));
    }

    [Fact]
    public async Task Open_critical_findings_are_counted_at_each_week_end_and_expiring_exemptions_listed()
    {
        var metrics = await ComputeAsync();
        Assert.Equal([new WeeklyOpen(new DateOnly(2026, 11, 8), 1), new WeeklyOpen(new DateOnly(2026, 11, 15), 1)], metrics.OpenCritical);
        Assert.Equal("*/$web", Assert.Single(metrics.ExpiringExemptions).Resource);
    }

    [Fact]
    public async Task The_csv_has_one_row_per_figure_with_the_same_columns_throughout()
    {
        var csv = MetricsReportWriters.Csv(await ComputeAsync()).TrimEnd('\n').Split('\n');
        Assert.Equal("metric,period,type,severity,value,resource,detail", csv[0]);
        Assert.Contains("detections,2026-11-02,exposure,critical,2,,", csv);
        Assert.Contains("within_sla_percent,,,critical,50,,", csv);
        Assert.Contains("exemption_expires,2026-11-26,azure.container.public-access,,,*/$web,site", csv);
    }

    [Fact]
    public async Task Retention_compliance_per_class_and_the_share_sampled_lately_come_from_the_state_as_it_is()
    {
        var dir = Directory.CreateTempSubdirectory("ca-metrics-").FullName;
        try
        {
            using var state = new SqliteStateStore(Path.Combine(dir, "state.db"));
            var now = DateTimeOffset.UtcNow;
            Finding Retention(string container, string dataClass, FindingStatus status) => new()
            {
                Type = FindingType.Retention, CheckId = "azure.container.retention", Severity = Severity.Medium, Status = status, Cloud = CloudKind.Azure,
                Resource = new ResourceRef($"https://acct.blob.core.windows.net/{container}", "blob-container", container), Title = "t", Detail = "d",
                Fingerprint = Fingerprint.Of("retention", container), Evidence = new Dictionary<string, string> { ["dataClass"] = dataClass },
            };
            Finding Exposure(string container) => Retention(container, "-", FindingStatus.Pass) with
            {
                CheckId = "azure.container.public-access", Fingerprint = Fingerprint.Of("exposure", container), Evidence = null,
            };
            foreach (var (container, dataClass, status) in new[] { ("a", "pii", FindingStatus.Pass), ("b", "pii", FindingStatus.Fail),
                ("c", "pii", FindingStatus.Error), ("d", "logs", FindingStatus.Pass) })
            {
                await state.UpsertFindingAsync(Retention(container, dataClass, status), now.AddDays(-1), null, CancellationToken.None);
                await state.UpsertFindingAsync(Exposure(container), now.AddDays(-1), null, CancellationToken.None);
            }
            var expiry = DateOnly.FromDateTime(now.UtcDateTime.AddDays(10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            await state.UpsertFindingAsync(Exposure("web") with
            {
                Status = FindingStatus.Exempt, Fingerprint = "e1",
                Evidence = new Dictionary<string, string> { ["exemptUntil"] = expiry, ["exemptReason"] = "campaign site", ["exemptSource"] = "tag" },
            }, now.AddDays(-1), null, CancellationToken.None);
            await state.SetWatermarkAsync("https://acct.blob.core.windows.net/a", now.AddDays(-2), CancellationToken.None);
            await state.SetWatermarkAsync("https://acct.blob.core.windows.net/b", now.AddDays(-45), CancellationToken.None);

            var metrics = await LeakageMetrics.CollectAsync(state, new AuditorConfig(), now.AddDays(-7), now, CancellationToken.None);

            Assert.Equal([new ClassCompliance("logs", 1, 0, 0, 100), new ClassCompliance("pii", 1, 1, 1, 50)], metrics.Retention);
            Assert.Equal(new SamplingCoverage(30, 1, 5, 20), metrics.Sampling);
            var tagged = Assert.Single(metrics.ExpiringExemptions);
            Assert.Equal(("https://acct.blob.core.windows.net/web", "azure.container.public-access", "campaign site"), (tagged.Resource, tagged.Checks,
                tagged.Reason));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
