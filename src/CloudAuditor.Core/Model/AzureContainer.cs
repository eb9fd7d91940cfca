namespace CloudAuditor.Core.Model;

public sealed record AzureContainer(
    ResourceRef Resource,
    ContainerAccessLevel AccessLevel,
    AzureStorageAccount Account,
    IReadOnlyDictionary<string, string> Metadata,
    AnonymousProbe Probe) : IAuditSubject
{
    public CloudKind Cloud => CloudKind.Azure;
    public IReadOnlyDictionary<string, string> Labels => Metadata;

    /// <summary>The container's data-plane URL, for remediation and probes (the resource id may be an ARM id).</summary>
    public Uri? Url { get; init; }

    /// <summary>Read from ARM when the account's resource id is known.</summary>
    public RetentionPosture Retention { get; init; } = RetentionPosture.NotRead("retention is read through ARM: configure the account's resourceId");

    /// <summary>Stored access policies from Get Container ACL (data plane).</summary>
    public Observed<IReadOnlyList<StoredAccessPolicy>> StoredAccessPolicies { get; init; } =
        Observed<IReadOnlyList<StoredAccessPolicy>>.NotRead("stored access policies were not read");

    public IEnumerable<IObservation> Observations => Retention.Observations.Append(Probe.Observation).Append(StoredAccessPolicies);
}
