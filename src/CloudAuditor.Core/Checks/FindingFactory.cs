using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>Builds findings in one place so that every finding carries the same fields and fingerprint rule.</summary>
public static class FindingFactory
{
    public static Finding FromCheck(CheckDefinition definition, IAuditSubject subject, CheckOutcome outcome) => new()
    {
        Type = definition.Type,
        CheckId = definition.Id,
        Severity = outcome.Severity ?? definition.Severity,
        Status = outcome.Status,
        Cloud = subject.Cloud,
        Resource = subject.Resource,
        Title = definition.Title,
        Detail = outcome.Detail,
        Fingerprint = Fingerprint.Of(definition.Id, subject.Resource.Id),
        Remediation = outcome.Status == FindingStatus.Pass ? null : definition.Remediation,
        Benchmarks = definition.Benchmarks.Count > 0 ? definition.Benchmarks : null,
        Evidence = outcome.Evidence is { Count: > 0 } ? outcome.Evidence : null,
    };

    /// <summary>A resource or target that could not be read: reported, never silently skipped.</summary>
    public static Finding Error(CloudKind cloud, ResourceRef resource, CheckDefinition gap, string detail) => new()
    {
        Type = FindingType.Error,
        CheckId = gap.Id,
        Severity = gap.Severity,
        Status = FindingStatus.Error,
        Cloud = cloud,
        Resource = resource,
        Title = gap.Title,
        Detail = detail,
        Fingerprint = Fingerprint.Of(gap.Id, resource.Id),
    };
}
