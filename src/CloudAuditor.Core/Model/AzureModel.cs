namespace CloudAuditor.Core.Model;

public enum ContainerAccessLevel { None, Blob, Container }

/// <summary>Account-level settings read from ARM; null where ARM was not configured or did not say.</summary>
/// <summary>A role assignment at the account's or one of its containers' scope; the role is its definition GUID.</summary>
public sealed record RoleAssignment(string RoleDefinitionGuid, string PrincipalId, string PrincipalType, string Scope)
{
    /// <summary>A guest (B2B) user of the tenant, from Microsoft Graph; null when the directory could not be asked.</summary>
    public bool? IsGuest { get; init; }
}

public sealed record AzureAccountSettings
{
    /// <summary>Role assignments at storage scope; null when they could not be read.</summary>
    public IReadOnlyList<RoleAssignment>? RoleAssignments { get; init; }

    public bool? AllowBlobPublicAccess { get; init; }
    public bool? HttpsTrafficOnly { get; init; }
    public string? MinimumTlsVersion { get; init; }
    public bool? AllowSharedKeyAccess { get; init; }
    public string? NetworkDefaultAction { get; init; }
    public string? PublicNetworkAccess { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>Tags of the account's resource group: owners and exemptions are often set there once for many accounts.</summary>
    public IReadOnlyDictionary<string, string> ResourceGroupTags { get; init; } = NoTags;

    public static IReadOnlyDictionary<string, string> NoTags { get; } = new Dictionary<string, string>();
}

public sealed record AzureStorageAccount(ResourceRef Resource, AzureAccountSettings? Settings, bool? StaticWebsiteEnabled) : IAuditSubject
{
    public CloudKind Cloud => CloudKind.Azure;
    public IReadOnlyDictionary<string, string> Labels => Settings?.Tags ?? AzureAccountSettings.NoTags;
}

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

    /// <summary>Read from ARM when the account's resource id is known; null otherwise.</summary>
    public RetentionPosture? Retention { get; init; }
}
