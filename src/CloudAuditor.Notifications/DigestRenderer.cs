using System.Net;
using System.Text;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Notifications;

/// <summary>
/// The words of a notice, as plain text and HTML: what was found (with masked examples only), what was changed,
/// how to exempt the resource, and how to undo the change. Findings are already masked; nothing raw can appear.
/// </summary>
public static class DigestRenderer
{
    public static string Text(OwnerDigest digest)
    {
        var text = new StringBuilder();
        text.AppendLine($"CloudAuditor sweep of {digest.SweepTime:yyyy-MM-dd HH:mm} UTC: {digest.Open} open, {digest.Remediated} remediated, on resources " +
            $"owned by {digest.Owner}.");
        foreach (var f in Ordered(digest))
        {
            text.AppendLine();
            text.AppendLine(Heading(f));
            foreach (var (label, value) in Facts(f, digest)) text.AppendLine($"  {label}: {value}");
        }
        return text.ToString();
    }

    /// <summary>"[CRITICAL] OPEN Container allows anonymous access": one finding's first line in every format.</summary>
    public static string Heading(Finding f) => $"[{f.Severity.ToString().ToUpperInvariant()}] {Status(f)} {f.Title}";

    /// <summary>What a notice says about one finding, label by label, in every format (text, Teams, Slack).</summary>
    public static IEnumerable<(string Label, string Value)> Facts(Finding f, OwnerDigest digest)
    {
        yield return ("Resource", $"{f.Resource.Id}{(f.Object is null ? "" : $" / {f.Object}")}{(f.Member is null ? "" : $" ! {f.Member}")}");
        yield return ("Finding", f.Detail);
        foreach (var e in f.Entities ?? []) yield return ("Found", $"{e.Count} x {e.Type}, e.g. {string.Join(", ", e.Masked)}");
        if (f.Status == FindingStatus.Fail && f.Remediation is not null) yield return ("To fix", f.Remediation);
        if (RollbackCommand(f, digest) is { } rollback) yield return ("To undo the change", rollback);
        yield return ("To exempt", ExemptionHint(f));
    }

    /// <summary>The findings in the order every format lists them: most severe first.</summary>
    public static IEnumerable<Finding> Ordered(OwnerDigest digest) => digest.Findings.OrderBy(f => f.Severity).ThenBy(f => f.Resource.Id,
        StringComparer.Ordinal);

    public static string Html(OwnerDigest digest)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html><body style=\"font-family:Segoe UI,Arial,sans-serif;font-size:14px\">");
        html.Append($"<h2>CloudAuditor: {digest.Open} open, {digest.Remediated} remediated</h2>");
        html.Append($"<p>Sweep of {digest.SweepTime:yyyy-MM-dd HH:mm} UTC, resources owned by {E(digest.Owner)}.</p>");
        html.Append("<table cellpadding=\"6\" style=\"border-collapse:collapse\" " +
            "border=\"1\"><tr><th>Severity</th><th>Status</th><th>Resource</th><th>Finding</th><th>What to do</th></tr>");
        foreach (var f in Ordered(digest))
        {
            var evidence = string.Concat((f.Entities ?? []).Select(e => $"<br><small>{e.Count} &times; {E(e.Type)}, e.g. " +
                $"{E(string.Join(", ", e.Masked))}</small>"));
            var todo = new StringBuilder();
            if (f.Status == FindingStatus.Fail && f.Remediation is not null) todo.Append($"<b>Fix:</b> {E(f.Remediation)}<br>");
            if (RollbackCommand(f, digest) is { } rollback) todo.Append($"<b>Undo:</b> <code>{E(rollback)}</code><br>");
            todo.Append($"<b>Exempt:</b> {E(ExemptionHint(f))}");
            var objectName = f.Object is null ? "" : $"<br><small>{E(f.Object)}</small>";
            html.Append($"<tr><td>{E(f.Severity.ToString())}</td><td>{E(Status(f))}</td><td>{E(f.Resource.Id)}{objectName}</td>");
            html.Append($"<td><b>{E(f.Title)}</b><br>{E(f.Detail)}{evidence}</td><td>{todo}</td></tr>");
        }
        html.Append("</table></body></html>");
        return html.ToString();
    }

    public static string? RollbackCommand(Finding finding, OwnerDigest digest) =>
        finding.Status == FindingStatus.Remediated && finding.Evidence?.GetValueOrDefault("remediationId") is { } id
            ? $"cloudauditor rollback --config {digest.ConfigHint} {id}" : null;

    public static string ExemptionHint(Finding f) =>
        $"set the tag/metadata cloudauditor-exempt (Azure metadata: cloudauditor_exempt) to \"{f.CheckId}|YYYY-MM-DD|reason\" on the resource";

    private static string Status(Finding f) => f.Status == FindingStatus.Remediated ? "REMEDIATED" : "OPEN";

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
