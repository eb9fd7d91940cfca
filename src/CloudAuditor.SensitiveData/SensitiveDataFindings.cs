using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Extraction;

namespace CloudAuditor.SensitiveData;

/// <summary>Turns a scan of one object into contract findings: one per object/member with detections, one per scan problem.</summary>
public static class SensitiveDataFindings
{
    public static IEnumerable<Finding> From(ScanResult result, CloudKind cloud, ResourceRef resource, ContentChecks checks, string objectName)
    {
        var checkId = checks.SensitiveData.Id;
        foreach (var (member, tally) in result.Detections)
        {
            var entities = tally.ToEntities();
            yield return new Finding
            {
                Type = FindingType.SensitiveData,
                CheckId = checkId,
                Severity = SeverityOf(entities),
                Status = FindingStatus.Fail,
                Cloud = cloud,
                Resource = resource,
                Title = checks.SensitiveData.Title,
                Detail = $"{string.Join(", ", entities.Select(e => $"{e.Count} {e.Type}"))}" +
                    (result.Truncated ? $" in the first {result.BytesScanned:N0} bytes read." : "."),
                Fingerprint = Fingerprint.Of(checkId, resource.Id, objectName, member),
                Remediation = checks.SensitiveData.Remediation,
                Object = objectName,
                Member = member,
                Entities = entities,
            };
        }
        foreach (var issue in result.Issues.Where(i => i.Kind != ScanIssueKind.Skipped))
        {
            yield return Unscanned(cloud, resource, checks, objectName, issue.Reason) with
            {
                Severity = issue.Kind == ScanIssueKind.LimitExceeded ? Severity.Medium : Severity.Low,
                Title = issue.Kind == ScanIssueKind.LimitExceeded ? "Content exceeded a scanning limit" : "Content could not be parsed",
                Member = issue.Member,
                Fingerprint = Fingerprint.Of(checks.Unscanned.Id, resource.Id, objectName, issue.Member),
            };
        }
    }

    /// <summary>Content that was not (fully) scanned, and why: unreadable, unlistable, over a cap, or corrupt.</summary>
    public static Finding Unscanned(CloudKind cloud, ResourceRef resource, ContentChecks checks, string? objectName, string reason)
    {
        var definition = checks.Unscanned;
        return new Finding
        {
            Type = definition.Type,
            CheckId = definition.Id,
            Severity = definition.Severity,
            Status = FindingStatus.Error,
            Cloud = cloud,
            Resource = resource,
            Title = definition.Title,
            Detail = $"Not scanned: {reason}.",
            Fingerprint = Fingerprint.Of(definition.Id, resource.Id, objectName),
            Object = objectName,
        };
    }

    /// <summary>Credentials open systems, card/SSN/IBAN enable fraud, contact data and addresses are lower risk.</summary>
    public static Severity SeverityOf(IEnumerable<EntityCount> entities)
    {
        var types = entities.Select(e => e.Type).ToList();
        if (types.Any(EntityTypes.Secrets.Contains)) return Severity.Critical;
        if (types.Any(EntityTypes.HighRiskPii.Contains)) return Severity.High;
        return types.Any(t => t is EntityTypes.Email or EntityTypes.Phone) ? Severity.Medium : Severity.Low;
    }
}
