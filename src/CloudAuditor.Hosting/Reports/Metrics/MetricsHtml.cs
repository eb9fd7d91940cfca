using System.Globalization;
using System.Net;
using System.Text;

namespace CloudAuditor.Hosting.Reports.Metrics;

/// <summary>
/// `report metrics --format html` and the Functions dashboard: one self-contained page (inline SVG, no script) that
/// fits a 1,280-pixel window: detections per week stacked by severity, critical findings open at each week's end, the
/// remediation table per severity against its SLA, time to detect, retention compliance per data class, the share of
/// storage sampled lately, and exemptions about to expire.
/// </summary>
public static class MetricsHtml
{
    private static readonly (string Severity, string Colour)[] Severities =
        [("critical", "#b71c1c"), ("high", "#e65100"), ("medium", "#f9a825"), ("low", "#1565c0"), ("info", "#9e9e9e")];

    private const int ChartWidth = 1000, ChartHeight = 180, Left = 40;

    public static string Render(LeakageMetrics m, DateTimeOffset generated)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>CloudAuditor leakage metrics</title><style>")
            .Append("body{font-family:Segoe UI,Arial,sans-serif;margin:2em;color:#222;max-width:1200px}")
            .Append("table{border-collapse:collapse;font-size:13px;width:100%;table-layout:fixed}th,td{border:1px solid #ccc;padding:4px 8px;")
            .Append("text-align:left;overflow-wrap:anywhere}th{background:#f3f3f3}svg{max-width:100%;height:auto}.figure{font-size:20px;font-weight:600}")
            .Append("</style></head><body>")
            .Append($"<h1>Leakage metrics</h1><p>{Day(m.Since)} to {Day(m.Until)}, generated {generated:yyyy-MM-dd HH:mm} UTC.</p>")
            .Append($"<p><span class=\"figure\">{m.Detections.Sum(d => d.Count)}</span> detections, ")
            .Append($"<span class=\"figure\">{m.Remediation.Sum(r => r.Closed)}</span> closed, ")
            .Append($"<span class=\"figure\">{m.Remediation.Sum(r => r.OpenAtEnd)}</span> open at the end; time to detect ")
            .Append(m.TimeToDetect.Count == 0 ? "not measured (no event-driven detections)" : $"p50 {Hours(m.TimeToDetect.P50Hours)}, " +
                $"p90 {Hours(m.TimeToDetect.P90Hours)} over {m.TimeToDetect.Count}").Append(".</p>")
            .Append("<h2>Detections per week</h2>").Append(DetectionsChart(m))
            .Append("<h2>Critical findings open at each week's end</h2>").Append(OpenCriticalChart(m))
            .Append("<h2>Remediation against the SLA</h2><table><tr><th>severity</th><th>opened</th><th>closed</th><th>time to remediate p50</th>")
            .Append("<th>p90</th><th>SLA</th><th>within SLA</th><th>open at end</th></tr>");
        foreach (var r in m.Remediation)
        {
            html.Append($"<tr><td>{E(r.Severity)}</td><td>{r.Opened}</td><td>{r.Closed}</td><td>{Hours(r.TimeToRemediate.P50Hours)}</td>")
                .Append($"<td>{Hours(r.TimeToRemediate.P90Hours)}</td><td>{r.SlaHours} h</td>")
                .Append($"<td>{(r.WithinSlaPercent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—")}</td><td>{r.OpenAtEnd}</td></tr>");
        }
        html.Append("</table><h2>Retention compliance by data class</h2>");
        if (m.Retention.Count == 0) html.Append("<p>No retention findings in the period (no data class applies, or no sweep judged one).</p>");
        else
        {
            html.Append("<table><tr><th>data class</th><th>compliant</th><th>non-compliant</th><th>not judged</th><th>compliant share</th></tr>");
            foreach (var c in m.Retention)
                html.Append($"<tr><td>{E(c.DataClass)}</td><td>{c.Compliant}</td><td>{c.NonCompliant}</td><td>{c.NotJudged}</td>")
                    .Append($"<td>{(c.CompliantPercent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "—")}</td></tr>");
            html.Append("</table>");
        }
        if (m.Sampling is { } sampling)
            html.Append($"<p>Content sampled in the last {sampling.Days} days: {sampling.Sampled} of {sampling.Known} containers and buckets")
                .Append(sampling.Percent is { } share ? $" ({share.ToString("0.#", CultureInfo.InvariantCulture)} %)." : ".").Append("</p>");
        html.Append("<h2>Exemptions expiring within 30 days</h2>");
        if (m.ExpiringExemptions.Count == 0) html.Append("<p>None.</p>");
        else
        {
            html.Append("<table><tr><th>expires</th><th>resource</th><th>checks</th><th>reason</th></tr>");
            foreach (var e in m.ExpiringExemptions)
                html.Append($"<tr><td>{e.Expires:yyyy-MM-dd}</td><td>{E(e.Resource)}</td><td>{E(e.Checks)}</td><td>{E(e.Reason)}</td></tr>");
            html.Append("</table>");
        }
        return html.Append("</body></html>").ToString();
    }

    /// <summary>A bar per week, stacked by severity (most severe at the bottom), with the week's total above it.</summary>
    private static string DetectionsChart(LeakageMetrics m)
    {
        var weeks = m.Detections.Select(d => d.Week).Distinct().Order().ToList();
        if (weeks.Count == 0) return "<p>No detections in the period.</p>";
        var max = Math.Max(1, weeks.Max(w => m.Detections.Where(d => d.Week == w).Sum(d => d.Count)));
        var slot = (ChartWidth - Left) / (double)weeks.Count;
        var svg = Open("Detections per week by severity");
        for (var i = 0; i < weeks.Count; i++)
        {
            var x = Left + (i * slot) + (slot * 0.15);
            var y = (double)ChartHeight;
            foreach (var (severity, colour) in Severities)
            {
                var count = m.Detections.Where(d => d.Week == weeks[i] && d.Severity == severity).Sum(d => d.Count);
                if (count == 0) continue;
                var height = count * (ChartHeight - 20.0) / max;
                y -= height;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{y:F1}\" width=\"{slot * 0.7:F1}\" height=\"{height:F1}\" fill=\"{colour}\">")
                    .Append($"<title>{count} {severity}, week of {weeks[i]:yyyy-MM-dd}</title></rect>");
            }
            var total = m.Detections.Where(d => d.Week == weeks[i]).Sum(d => d.Count);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{y - 4:F1}\" font-size=\"11\">{total}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{ChartHeight + 16}\" font-size=\"11\">{weeks[i]:MM-dd}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{ChartHeight + 34}\" font-size=\"11\" fill=\"#555\">")
            .Append(string.Join(", ", Severities.Select(s => $"{s.Severity}: {s.Colour}"))).Append(" (week starting Monday)</text>");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A bar per week's end: how many critical findings were open then.</summary>
    private static string OpenCriticalChart(LeakageMetrics m)
    {
        if (m.OpenCritical.Count == 0) return "<p>The period has not yet had a week's end.</p>";
        var max = Math.Max(1, m.OpenCritical.Max(w => w.OpenCritical));
        var slot = (ChartWidth - Left) / (double)m.OpenCritical.Count;
        var svg = Open("Critical findings open at each week's end");
        for (var i = 0; i < m.OpenCritical.Count; i++)
        {
            var (day, open) = (m.OpenCritical[i].WeekEnding, m.OpenCritical[i].OpenCritical);
            var height = open * (ChartHeight - 20.0) / max;
            var x = Left + (i * slot) + (slot * 0.15);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:F1}\" y=\"{ChartHeight - height:F1}\" width=\"{slot * 0.7:F1}\" height=\"{height:F1}\" ")
                .Append($"fill=\"#b71c1c\"><title>{open} open on {day:yyyy-MM-dd}</title></rect>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{ChartHeight - height - 4:F1}\" font-size=\"11\">{open}</text>")
                .Append(CultureInfo.InvariantCulture, $"<text x=\"{x:F1}\" y=\"{ChartHeight + 16}\" font-size=\"11\">{day:MM-dd}</text>");
        }
        return svg.Append("</svg>").ToString();
    }

    private static StringBuilder Open(string label) =>
        new($"<svg role=\"img\" aria-label=\"{E(label)}\" width=\"{ChartWidth}\" height=\"{ChartHeight + 40}\" viewBox=\"0 0 {ChartWidth} " +
            $"{ChartHeight + 40}\" xmlns=\"http://www.w3.org/2000/svg\">");

    private static string Hours(double? hours) => hours is not { } h ? "—" : h < 48 ? $"{h.ToString("0.#", CultureInfo.InvariantCulture)} h"
        : $"{(h / 24).ToString("0.#", CultureInfo.InvariantCulture)} d";

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
