using CloudAuditor.Core.Model;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Extraction;

namespace CloudAuditor.SensitiveData;

/// <summary>Turns a scan of one object into contract findings: one per object/member with detections, one per scan problem.</summary>
public static class SensitiveDataFindings
{
    private static readonly HashSet<string> HighRiskPii = [EntityTypes.CreditCard, EntityTypes.UsSsn, EntityTypes.Iban];

    /// <param name="checkPrefix">"local.file", "azure.blob" or "aws.s3": the finding ids are {prefix}.sensitive-data and {prefix}.sensitive-data-unscanned.</param>
    public static IEnumerable<Finding> From(ScanResult result, CloudKind cloud, ResourceRef resource, string checkPrefix, string objectName)
    {
        var checkId = $"{checkPrefix}.sensitive-data";
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
                Title = "Sensitive data found in stored content",
                Detail = $"{string.Join(", ", entities.Select(e => $"{e.Count} {e.Type}"))}" +
                    (result.Truncated ? $" in the first {result.BytesScanned:N0} bytes read." : "."),
                Fingerprint = Fingerprint.Of(checkId, resource.Id, objectName, member),
                Remediation = "Remove or tokenise the values, or move the object to storage whose access and retention fit its data class.",
                Object = objectName,
                Member = member,
                Entities = entities,
            };
        }
        foreach (var issue in result.Issues.Where(i => i.Kind != ScanIssueKind.Skipped))
        {
            yield return Unscanned(cloud, resource, checkPrefix, objectName, issue.Reason) with
            {
                Severity = issue.Kind == ScanIssueKind.LimitExceeded ? Severity.Medium : Severity.Low,
                Title = issue.Kind == ScanIssueKind.LimitExceeded ? "Content exceeded a scanning limit" : "Content could not be parsed",
                Member = issue.Member,
                Fingerprint = Fingerprint.Of($"{checkPrefix}.sensitive-data-unscanned", resource.Id, objectName, issue.Member),
            };
        }
    }

    /// <summary>Content that was not (fully) scanned, and why: unreadable, unlistable, over a cap, or corrupt.</summary>
    public static Finding Unscanned(CloudKind cloud, ResourceRef resource, string checkPrefix, string? objectName, string reason)
    {
        var checkId = $"{checkPrefix}.sensitive-data-unscanned";
        return new Finding
        {
            Type = FindingType.Error, CheckId = checkId, Severity = Severity.Low, Status = FindingStatus.Error, Cloud = cloud,
            Resource = resource, Title = "Content could not be scanned", Detail = $"Not scanned: {reason}.",
            Fingerprint = Fingerprint.Of(checkId, resource.Id, objectName), Object = objectName,
        };
    }

    /// <summary>Credentials open systems, card/SSN/IBAN enable fraud, contact data and addresses are lower risk.</summary>
    public static Severity SeverityOf(IEnumerable<EntityCount> entities)
    {
        var types = entities.Select(e => e.Type).ToList();
        if (types.Any(EntityTypes.Secrets.Contains)) return Severity.Critical;
        if (types.Any(HighRiskPii.Contains)) return Severity.High;
        return types.Any(t => t is EntityTypes.Email or EntityTypes.Phone) ? Severity.Medium : Severity.Low;
    }
}
