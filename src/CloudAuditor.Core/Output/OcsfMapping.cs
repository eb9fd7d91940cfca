using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>
/// Findings as OCSF 1.1 events for SIEMs and security lakes: check findings as Compliance Finding (2003), sensitive
/// data as Data Security Finding (2006). Everything else of ours goes under "unmapped".
/// </summary>
public static class OcsfMapping
{
    public static object From(Finding f, DateTimeOffset time)
    {
        var sensitive = f.Type == FindingType.SensitiveData;
        var classUid = sensitive ? 2006 : 2003;
        return new Dictionary<string, object?>
        {
            ["activity_id"] = 1,
            ["activity_name"] = "Create",
            ["category_uid"] = 2,
            ["category_name"] = "Findings",
            ["class_uid"] = classUid,
            ["class_name"] = sensitive ? "Data Security Finding" : "Compliance Finding",
            ["type_uid"] = classUid * 100 + 1,
            ["time"] = time.ToUnixTimeMilliseconds(),
            ["severity_id"] = f.Severity switch { Severity.Critical => 5, Severity.High => 4, Severity.Medium => 3, Severity.Low => 2, _ => 1 },
            ["severity"] = f.Severity.ToString(),
            ["status_id"] = f.Status switch { FindingStatus.Remediated => 4, FindingStatus.Exempt => 3, _ => 1 },
            ["status"] = f.Status switch { FindingStatus.Remediated => "Resolved", FindingStatus.Exempt => "Suppressed", _ => "New" },
            ["metadata"] = new { version = "1.1.0", product = new { name = "CloudAuditor", vendor_name = "CloudAuditor" } },
            ["finding_info"] = new { uid = f.Fingerprint, title = f.Title, desc = f.Detail, types = new[] { f.Type.ToString() } },
            ["compliance"] = sensitive ? null : new
            {
                control = f.CheckId,
                status = f.Status switch { FindingStatus.Pass => "Pass", FindingStatus.Error => "Warning", _ => f.IsFailing ? "Fail" : "Pass" },
                status_id = f.Status switch { FindingStatus.Pass => 1, FindingStatus.Error => 2, _ => f.IsFailing ? 3 : 1 },
                standards = f.Benchmarks ?? [],
            },
            ["data_security"] = sensitive ? new
            {
                data_lifecycle_state = "Data at-Rest",
                detection_system = "CloudAuditor",
                pattern_match = string.Join(",", (f.Entities ?? []).Select(e => $"{e.Type}:{e.Count}")),
            } : null,
            ["resources"] = new[] { new { uid = f.Resource.Id, type = f.Resource.Kind, name = f.Resource.Name } },
            ["cloud"] = new { provider = f.Cloud switch { CloudKind.Azure => "Azure", CloudKind.Aws => "AWS", _ => "Local" },
                account = new { uid = f.Resource.Account } },
            ["remediation"] = f.Remediation is null ? null : new { desc = f.Remediation },
            ["unmapped"] = new { checkId = f.CheckId, f.Object, f.Member, f.Entities, f.Evidence, f.Owner },
        };
    }

    /// <summary>
    /// The sweep itself as an OCSF 1.1 Scan Activity (6007): completed, with status Failure when the coverage is
    /// incomplete, the counts in the scan attributes and the coverage lines and gaps under "unmapped".
    /// </summary>
    public static object ScanActivity(Engine.SweepSummary summary, DateTimeOffset time) => new Dictionary<string, object?>
    {
        ["activity_id"] = 2,
        ["activity_name"] = "Completed",
        ["category_uid"] = 6,
        ["category_name"] = "Application Activity",
        ["class_uid"] = 6007,
        ["class_name"] = "Scan Activity",
        ["type_uid"] = 600702,
        ["time"] = time.ToUnixTimeMilliseconds(),
        ["severity_id"] = summary.Coverage.Complete ? 1 : 3,
        ["status_id"] = summary.Coverage.Complete ? 1 : 2,
        ["status"] = summary.Coverage.Complete ? "Success" : "Failure",
        ["status_detail"] = summary.Coverage.Complete ? "every resource in scope was audited" : string.Join("; ", summary.Coverage.Lines()),
        ["metadata"] = new { version = "1.1.0", product = new { name = "CloudAuditor", vendor_name = "CloudAuditor" } },
        ["scan"] = new { name = "CloudAuditor sweep", type_id = 99, type = "Cloud storage audit" },
        ["num_detections"] = summary.Findings.Count(FindingStatus.Fail),
        ["num_resolutions"] = summary.Findings.Count(FindingStatus.Remediated),
        ["num_skipped_items"] = summary.Coverage.Kinds.Sum(k => k.NotAudited),
        ["total"] = summary.Coverage.Kinds.Sum(k => k.Total),
        ["unmapped"] = SweepSummaryDocument.From(summary),
    };
}
