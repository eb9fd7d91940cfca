using System.Text.Json.Serialization;

namespace CloudAuditor.Core.Model;

/// <summary>One judgement about one resource, the unit every output format, store and notice is made of.</summary>
public sealed record Finding
{
    public required FindingType Type { get; init; }
    public required string CheckId { get; init; }
    public required Severity Severity { get; init; }
    public required FindingStatus Status { get; init; }
    public required CloudKind Cloud { get; init; }
    public required ResourceRef Resource { get; init; }
    public required string Title { get; init; }
    public required string Detail { get; init; }
    public required string Fingerprint { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Remediation { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Benchmarks { get; init; }

    /// <summary>Facts that back the judgement (settings read, probe results); never detected values.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Evidence { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Object { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Member { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<EntityCount>? Entities { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Owner { get; init; }

    [JsonIgnore]
    public bool IsFailing => Status == FindingStatus.Fail;
}
