using Azure.Storage.Blobs;
using CloudAuditor.Core.Config;

namespace CloudAuditor.Functions;

/// <summary>From an event's resource (blob URL, ARM id, bucket) to the configured target that covers it, narrowed to that resource.</summary>
public static class TargetMatching
{
    /// <returns>A configuration with only the matching Azure target, limited to the container; null when no target covers the account.</returns>
    public static AuditorConfig? AzureContainer(AuditorConfig config, string accountName, string? container, bool sample)
    {
        var target = config.Azure.FirstOrDefault(t => string.Equals(AccountNameOf(t), accountName, StringComparison.OrdinalIgnoreCase));
        return target is null ? null : config.Narrowed([target.LimitedTo(container is null ? [] : [container])], [], sample);
    }

    public static AuditorConfig? AwsBucket(AuditorConfig config, string bucket, string? accountId, bool sample)
    {
        var candidates = config.Aws.Where(t => t.Buckets.Count == 0 || t.Buckets.Contains(bucket, StringComparer.Ordinal)).ToList();
        var target = candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(t => accountId is not null && t.AccountId == accountId);
        return target is null ? null : config.Narrowed([], [target.LimitedTo([bucket])], sample);
    }

    private static string? AccountNameOf(AzureTarget target) =>
        target.ConnectionString is { } cs ? new BlobServiceClient(cs).AccountName
        : target.AccountUrl is { } url ? new BlobServiceClient(new Uri(url)).AccountName
        : target.ResourceId?[(target.ResourceId.LastIndexOf('/') + 1)..];
}
