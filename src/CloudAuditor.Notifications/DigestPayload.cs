namespace CloudAuditor.Notifications;

/// <summary>The machine-readable digest (webhooks in json format, Event Grid data).</summary>
public static class DigestPayload
{
    public static object From(OwnerDigest digest) => new
    {
        owner = digest.Owner,
        sweepTime = digest.SweepTime,
        open = digest.Open,
        remediated = digest.Remediated,
        findings = digest.Findings.Select(f => new
        {
            f.CheckId,
            severity = f.Severity.ToString().ToLowerInvariant(),
            status = f.Status.ToString().ToLowerInvariant(),
            resource = f.Resource.Id,
            f.Object,
            f.Member,
            f.Title,
            f.Detail,
            f.Fingerprint,
            remediationId = f.Evidence?.GetValueOrDefault("remediationId"),
            rollback = DigestRenderer.RollbackCommand(f, digest),
            entities = f.Entities,
        }),
    };
}
