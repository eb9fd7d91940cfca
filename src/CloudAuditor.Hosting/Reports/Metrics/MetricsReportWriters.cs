using System.Globalization;
using System.Text;
using System.Text.Json;
using CloudAuditor.Core.Output;

namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// `report metrics` as JSON (the metrics as they are), HTML (<see cref="MetricsHtml"/>) or CSV (one row per figure: metric, the dimensions it is for, the
/// value, with a retention row's data class under "type"; an expiring exemption's row names its resource and reason; safe
/// against spreadsheet formulas), so a spreadsheet or a BI tool can chart any of them.
/// </summary>
public static class MetricsReportWriters
{
    public static async Task WriteAsync(string format, LeakageMetrics metrics, Stream output, CancellationToken cancellationToken)
    {
        var text = format switch
        {
            "json" => JsonSerializer.Serialize(metrics, FindingJson.Indented),
            "html" => MetricsHtml.Render(metrics, DateTimeOffset.UtcNow),
            _ => Csv(metrics),
        };
        await output.WriteAsync(new UTF8Encoding(false).GetBytes(text), cancellationToken);
    }

    public static string Csv(LeakageMetrics m)
    {
        var rows = new List<string[]>();
        void Add(string metric, string period, string type, string severity, double? value) =>
            rows.Add([metric, period, type, severity, value?.ToString(CultureInfo.InvariantCulture) ?? "", "", ""]);
        foreach (var d in m.Detections) Add("detections", Day(d.Week), d.Type, d.Severity, d.Count);
        Add("time_to_detect_count", "", "", "", m.TimeToDetect.Count);
        Add("time_to_detect_p50_hours", "", "", "", m.TimeToDetect.P50Hours);
        Add("time_to_detect_p90_hours", "", "", "", m.TimeToDetect.P90Hours);
        foreach (var r in m.Remediation)
        {
            Add("opened", "", "", r.Severity, r.Opened);
            Add("closed", "", "", r.Severity, r.Closed);
            Add("time_to_remediate_p50_hours", "", "", r.Severity, r.TimeToRemediate.P50Hours);
            Add("time_to_remediate_p90_hours", "", "", r.Severity, r.TimeToRemediate.P90Hours);
            Add("sla_hours", "", "", r.Severity, r.SlaHours);
            Add("within_sla_percent", "", "", r.Severity, r.WithinSlaPercent);
            Add("open_at_end", "", "", r.Severity, r.OpenAtEnd);
        }
        foreach (var w in m.OpenCritical) Add("open_critical", Day(w.WeekEnding), "", "critical", w.OpenCritical);
        foreach (var c in m.Retention)
        {
            Add("retention_compliant", "", c.DataClass, "", c.Compliant);
            Add("retention_non_compliant", "", c.DataClass, "", c.NonCompliant);
            Add("retention_not_judged", "", c.DataClass, "", c.NotJudged);
            Add("retention_compliant_percent", "", c.DataClass, "", c.CompliantPercent);
        }
        if (m.Sampling is { } sampling)
        {
            Add("content_sampled", $"{sampling.Days}d", "", "", sampling.Sampled);
            Add("containers_known", $"{sampling.Days}d", "", "", sampling.Known);
            Add("content_sampled_percent", $"{sampling.Days}d", "", "", sampling.Percent);
        }
        var csv = new StringBuilder(Core.Output.Csv.Line(["metric", "period", "type", "severity", "value", "resource", "detail"]));
        foreach (var row in rows) csv.Append(Core.Output.Csv.Line(row));
        foreach (var e in m.ExpiringExemptions)
            csv.Append(Core.Output.Csv.Line(["exemption_expires", Day(e.Expires), e.Checks, "", "", e.Resource, e.Reason]));
        return csv.ToString();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
