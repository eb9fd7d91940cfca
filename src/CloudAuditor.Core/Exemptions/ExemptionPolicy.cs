using System.Globalization;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Matching;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Exemptions;

/// <summary>
/// Exemptions from a tag/metadata on the resource (or its account) or from the policy in the configuration.
/// Tag format: <c>cloudauditor-exempt = "checks|yyyy-mm-dd|reason"</c>, checks "*" or comma-separated ids; Azure
/// metadata names cannot hold '-', so <c>cloudauditor_exempt</c> works too. Expired exemptions no longer apply.
/// </summary>
public sealed class ExemptionPolicy(IReadOnlyList<ExemptionRule> rules, TimeProvider time)
{
    public static readonly string[] LabelNames = ["cloudauditor-exempt", "cloudauditor_exempt"];

    public Exemption? Find(Finding finding, IAuditSubject subject)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        foreach (var labels in subject.LabelChain())
        {
            foreach (var name in LabelNames)
            {
                if (labels.TryGetValue(name, out var value) && Parse(value, name) is { } tagged && Covers(tagged.Checks, finding.CheckId)
                    && Valid(tagged.Exemption, today))
                    return tagged.Exemption;
            }
        }
        foreach (var rule in rules)
        {
            if ((Glob.Matches(rule.Resource, finding.Resource.Id) || Glob.Matches(rule.Resource, finding.Resource.Name))
                && (rule.Checks.Count == 0 || rule.Checks.Contains(finding.CheckId)) && Valid(new Exemption(rule.Reason, rule.Expires, "policy"), today))
                return new Exemption(rule.Reason, rule.Expires, "configuration policy");
        }
        return null;
    }

    internal static (string[] Checks, Exemption Exemption)? Parse(string value, string source)
    {
        var parts = value.Split('|', 3);
        if (parts.Length != 3) return null;
        DateOnly? expires = DateOnly.TryParseExact(parts[1].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
            : null;
        if (expires is null && parts[1].Trim().Length > 0) return null;
        var checks = parts[0].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return (checks, new Exemption(parts[2].Trim(), expires, $"{source} tag"));
    }

    private static bool Covers(string[] checks, string checkId) => checks.Contains("*") || checks.Contains(checkId);

    private static bool Valid(Exemption exemption, DateOnly today) => exemption.Expires is not { } expires || expires >= today;
}
