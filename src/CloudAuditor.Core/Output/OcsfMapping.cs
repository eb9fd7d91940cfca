using System.Text.Json.Serialization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Output;

/// <summary>
/// Findings as OCSF 1.1 events for SIEMs and security lakes: check findings as Compliance Finding (2003), sensitive
/// data as Data Security Finding (2006). Everything else of ours goes under "unmapped". The events are typed records,
/// serialised through generated code (<see cref="FindingJsonContext"/>) like findings: no shape is built by reflection.
/// </summary>
public static class OcsfMapping
{
    private static readonly OcsfMetadata Metadata = new("1.1.0", new OcsfProduct("CloudAuditor", "CloudAuditor"));

    public static OcsfFinding From(Finding f, DateTimeOffset time)
    {
        var sensitive = f.Type == FindingType.SensitiveData;
        var classUid = sensitive ? 2006 : 2003;
        return new OcsfFinding(1, "Create", 2, "Findings", classUid, sensitive ? "Data Security Finding" : "Compliance Finding", classUid * 100 + 1,
            time.ToUnixTimeMilliseconds(),
            f.Severity switch { Severity.Critical => 5, Severity.High => 4, Severity.Medium => 3, Severity.Low => 2, _ => 1 },
            f.Severity.ToString(),
            f.Status switch { FindingStatus.Remediated => 4, FindingStatus.Exempt => 3, _ => 1 },
            f.Status switch { FindingStatus.Remediated => "Resolved", FindingStatus.Exempt => "Suppressed", _ => "New" },
            Metadata,
            new OcsfFindingInfo(f.Fingerprint, f.Title, f.Detail, [f.Type.ToString()]),
            sensitive ? null : new OcsfCompliance(f.CheckId,
                f.Status switch { FindingStatus.Pass => "Pass", FindingStatus.Error => "Warning", _ => f.IsFailing ? "Fail" : "Pass" },
                f.Status switch { FindingStatus.Pass => 1, FindingStatus.Error => 2, _ => f.IsFailing ? 3 : 1 },
                f.Benchmarks ?? []),
            sensitive ? new OcsfDataSecurity("Data at-Rest", "CloudAuditor", string.Join(",", (f.Entities ?? []).Select(e => $"{e.Type}:{e.Count}"))) : null,
            [new OcsfResource(f.Resource.Id, f.Resource.Kind, f.Resource.Name)],
            new OcsfCloud(f.Cloud switch { CloudKind.Azure => "Azure", CloudKind.Aws => "AWS", _ => "Local" }, new OcsfAccount(f.Resource.Account)),
            f.Remediation is null ? null : new OcsfRemediation(f.Remediation),
            new OcsfUnmapped(f.CheckId, f.Object, f.Member, f.Entities, f.Evidence, f.Owner));
    }

    /// <summary>
    /// The sweep itself as an OCSF 1.1 Scan Activity (6007): completed, with status Failure when the coverage is
    /// incomplete, the counts in the scan attributes and the coverage lines and gaps under "unmapped".
    /// </summary>
    public static OcsfScanActivity ScanActivity(Engine.SweepSummary summary, DateTimeOffset time) => new(2, "Completed", 6, "Application Activity",
        6007, "Scan Activity", 600702, time.ToUnixTimeMilliseconds(),
        summary.Coverage.Complete ? 1 : 3,
        summary.Coverage.Complete ? 1 : 2,
        summary.Coverage.Complete ? "Success" : "Failure",
        summary.Coverage.Complete ? "every resource in scope was audited" : string.Join("; ", summary.Coverage.Lines()),
        Metadata,
        new OcsfScan("CloudAuditor sweep", 99, "Cloud storage audit"),
        summary.Findings.Count(FindingStatus.Fail),
        summary.Findings.Count(FindingStatus.Remediated),
        summary.Coverage.Kinds.Sum(k => k.NotAudited),
        summary.Coverage.Kinds.Sum(k => k.Total),
        SweepSummaryDocument.From(summary));
}

/// <summary>A Compliance Finding (2003) or Data Security Finding (2006); the object of the other class is written as null.</summary>
public sealed record OcsfFinding(
    [property: JsonPropertyName("activity_id")] int ActivityId,
    [property: JsonPropertyName("activity_name")] string ActivityName,
    [property: JsonPropertyName("category_uid")] int CategoryUid,
    [property: JsonPropertyName("category_name")] string CategoryName,
    [property: JsonPropertyName("class_uid")] int ClassUid,
    [property: JsonPropertyName("class_name")] string ClassName,
    [property: JsonPropertyName("type_uid")] int TypeUid,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("severity_id")] int SeverityId,
    [property: JsonPropertyName("severity")] string Severity,
    [property: JsonPropertyName("status_id")] int StatusId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("metadata")] OcsfMetadata Metadata,
    [property: JsonPropertyName("finding_info")] OcsfFindingInfo FindingInfo,
    [property: JsonPropertyName("compliance"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] OcsfCompliance? Compliance,
    [property: JsonPropertyName("data_security"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] OcsfDataSecurity? DataSecurity,
    [property: JsonPropertyName("resources")] IReadOnlyList<OcsfResource> Resources,
    [property: JsonPropertyName("cloud")] OcsfCloud Cloud,
    [property: JsonPropertyName("remediation"), JsonIgnore(Condition = JsonIgnoreCondition.Never)] OcsfRemediation? Remediation,
    [property: JsonPropertyName("unmapped")] OcsfUnmapped Unmapped);

public sealed record OcsfScanActivity(
    [property: JsonPropertyName("activity_id")] int ActivityId,
    [property: JsonPropertyName("activity_name")] string ActivityName,
    [property: JsonPropertyName("category_uid")] int CategoryUid,
    [property: JsonPropertyName("category_name")] string CategoryName,
    [property: JsonPropertyName("class_uid")] int ClassUid,
    [property: JsonPropertyName("class_name")] string ClassName,
    [property: JsonPropertyName("type_uid")] int TypeUid,
    [property: JsonPropertyName("time")] long Time,
    [property: JsonPropertyName("severity_id")] int SeverityId,
    [property: JsonPropertyName("status_id")] int StatusId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_detail")] string StatusDetail,
    [property: JsonPropertyName("metadata")] OcsfMetadata Metadata,
    [property: JsonPropertyName("scan")] OcsfScan Scan,
    [property: JsonPropertyName("num_detections")] int NumDetections,
    [property: JsonPropertyName("num_resolutions")] int NumResolutions,
    [property: JsonPropertyName("num_skipped_items")] int NumSkippedItems,
    [property: JsonPropertyName("total")] int Total,
    [property: JsonPropertyName("unmapped")] SweepSummaryDocument Unmapped);

public sealed record OcsfMetadata([property: JsonPropertyName("version")] string Version, [property: JsonPropertyName("product")] OcsfProduct Product);

public sealed record OcsfProduct([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("vendor_name")] string VendorName);

public sealed record OcsfFindingInfo([property: JsonPropertyName("uid")] string Uid, [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("desc")] string Desc, [property: JsonPropertyName("types")] IReadOnlyList<string> Types);

public sealed record OcsfCompliance([property: JsonPropertyName("control")] string Control, [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_id")] int StatusId, [property: JsonPropertyName("standards")] IReadOnlyList<string> Standards);

public sealed record OcsfDataSecurity([property: JsonPropertyName("data_lifecycle_state")] string DataLifecycleState,
    [property: JsonPropertyName("detection_system")] string DetectionSystem, [property: JsonPropertyName("pattern_match")] string PatternMatch);

public sealed record OcsfResource([property: JsonPropertyName("uid")] string Uid, [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("name")] string Name);

public sealed record OcsfCloud([property: JsonPropertyName("provider")] string Provider, [property: JsonPropertyName("account")] OcsfAccount Account);

public sealed record OcsfAccount([property: JsonPropertyName("uid")] string? Uid);

public sealed record OcsfRemediation([property: JsonPropertyName("desc")] string Desc);

public sealed record OcsfScan([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("type_id")] int TypeId,
    [property: JsonPropertyName("type")] string Type);

/// <summary>Our own fields, in the finding contract's names (camelCase).</summary>
public sealed record OcsfUnmapped(string CheckId, string? Object, string? Member, IReadOnlyList<EntityCount>? Entities,
    IReadOnlyDictionary<string, string>? Evidence, string? Owner);
