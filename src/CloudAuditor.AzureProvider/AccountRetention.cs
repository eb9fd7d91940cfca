using CloudAuditor.Core.Model;

namespace CloudAuditor.AzureProvider;

/// <summary>The account-wide parts of retention, read once per account and shared by its containers.</summary>
public sealed record AccountRetention(
    Observed<SoftDeleteSettings> SoftDelete,
    Observed<VersioningSettings> Versioning,
    Observed<ChangeFeedSettings> ChangeFeed,
    Observed<ManagementPolicy> Policy);
