namespace CloudAuditor.Core.Model;

/// <summary>
/// Account-level settings as one ARM read returned them. Properties ARM leaves out take their documented defaults
/// (public access and shared keys allowed); the nullable ones are facts ARM may omit, which the checks then do not judge.
/// </summary>
public sealed record AzureAccountSettings
{
    public bool AllowBlobPublicAccess { get; init; } = true;
    public bool? HttpsTrafficOnly { get; init; }
    public string? MinimumTlsVersion { get; init; }
    public bool AllowSharedKeyAccess { get; init; } = true;
    public string? NetworkDefaultAction { get; init; }
    public string? PublicNetworkAccess { get; init; }
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>sasPolicy: the longest validity a SAS should have, and whether longer ones are only logged or blocked.</summary>
    public TimeSpan? SasExpirationPeriod { get; init; }

    public string? SasExpirationAction { get; init; }

    /// <summary>keyCreationTime per account key (key1, key2); null when ARM reports none (keys older than its tracking).</summary>
    public IReadOnlyDictionary<string, DateTimeOffset>? KeyCreationTimes { get; init; }

    /// <summary>encryption.keySource: Microsoft.Storage (platform keys) or Microsoft.Keyvault (customer-managed keys).</summary>
    public string? EncryptionKeySource { get; init; }

    /// <summary>Approved private endpoint connections; null when ARM did not report the list.</summary>
    public int? ApprovedPrivateEndpoints { get; init; }

    public bool? AllowCrossTenantReplication { get; init; }

    /// <summary>defaultToOAuthAuthentication; absent means false (the portal and tools default to keys).</summary>
    public bool DefaultToOAuthAuthentication { get; init; }

    /// <summary>Tags of the account's resource group: owners and exemptions are often set there once for many accounts.</summary>
    public IReadOnlyDictionary<string, string> ResourceGroupTags { get; init; } = NoTags;

    /// <summary>Role assignments at storage scope: a request of its own, so known or not on its own.</summary>
    public Observed<IReadOnlyList<RoleAssignment>> RoleAssignments { get; init; } = Observed<IReadOnlyList<RoleAssignment>>.NotRead("role assignments were " +
        "not read");

    /// <summary>The principal ids of assigned users that Microsoft Graph says are guests (B2B); needs User.Read.All.</summary>
    public Observed<IReadOnlySet<string>> GuestUsers { get; init; } = Observed<IReadOnlySet<string>>.NotRead("the directory was not asked about guests");

    public static IReadOnlyDictionary<string, string> NoTags { get; } = new Dictionary<string, string>();
}
