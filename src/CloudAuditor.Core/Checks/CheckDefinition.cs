using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>What a check is, independent of any resource: the catalogue entry users read and benchmarks map to.</summary>
public sealed record CheckDefinition(
    string Id,
    FindingType Type,
    Severity Severity,
    string Title,
    string Rationale,
    string Remediation,
    IReadOnlyList<string> Benchmarks)
{
    /// <summary>Enforce mode has a remediator for it in every cloud it applies to; only such ids may be listed under remediation.checks.</summary>
    public bool Remediable { get; init; }
}
