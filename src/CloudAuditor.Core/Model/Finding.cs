using System.Text.Json.Serialization;

namespace CloudAuditor.Core.Model;

public enum FindingType { Exposure, Iam, Retention, Encryption, Network, SensitiveData, Error }

public enum Severity { Critical, High, Medium, Low, Info }

public enum FindingStatus { Fail, Pass, Exempt, Remediated, Error }

public enum CloudKind { Azure, Aws, Local }

/// <summary>The audited resource as CONTRACT.md names it: id is an ARM id, ARN or URL.</summary>
public sealed record ResourceRef(string Id, string Kind, string Name)
{
    public string? Account { get; init; }
    public string? Container { get; init; }
    public string? Bucket { get; init; }
}

/// <summary>Counts and masked examples of one entity type; never a raw value.</summary>
public sealed record EntityCount(string Type, int Count, IReadOnlyList<string> Masked);

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
