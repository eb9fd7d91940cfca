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
    public static Finding Error(CloudKind cloud, ResourceRef resource, string checkId, string detail) => new()
    {
        Type = FindingType.Error,
        CheckId = checkId,
        Severity = Severity.Medium,
        Status = FindingStatus.Error,
        Cloud = cloud,
        Resource = resource,
        Title = "Resource could not be audited",
        Detail = detail,
        Fingerprint = Fingerprint.Of(checkId, resource.Id),
    };
}
