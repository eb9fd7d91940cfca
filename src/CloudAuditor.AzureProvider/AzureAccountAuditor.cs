using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using Microsoft.Extensions.Logging;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>Reads one storage account's data plane (and, when known, its ARM properties) into the model.</summary>
/// <param name="sharedKey">The client signs with the account key: then no request is refused for want of a permission, only for a wrong key or a firewall
/// rule.</param>
public sealed class AzureAccountAuditor(AzureClientFactory settings, IReadOnlyCollection<string> containerFilter, ILogger logger,
    ArmRetentionReader? retention = null,
    bool sharedKey = false) : IRequiresPermissions
{
    /// <summary>Get Blob Service Properties, List Containers, a blob listing for the anonymous read probe, and Get Container ACL.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/getAcl/action"),
    ];

    private const string NoArm = "account settings are read through ARM: configure the account's resourceId";

    private readonly AnonymousBlobProbe _probe = new(settings);

    /// <param name="containersSharded">The account is the target: its containers are what a sharded sweep splits, and the account's own
    /// settings are audited by the first shard only.</param>
    /// <param name="changeFeed">The account's change feed, as its target keeps it: a target's shards in one process read it once.</param>
    public async Task AuditAsync(BlobServiceClient service, ArmStorageAccount? arm, IInventorySink sink, bool containersSharded,
        BlobChangeFeed changeFeed, CancellationToken cancellationToken)
    {
        var accountResource = AccountResource(service, arm);
        var accountSettings = arm is null ? Observed<AzureAccountSettings>.NotRead(NoArm) : Observed<AzureAccountSettings>.Of(arm.Settings);
        var auditsAccount = !containersSharded || sink.Shard.IsFirst;
        var website = auditsAccount ? await ReadStaticWebsiteAsync(service, cancellationToken) : Observed<StaticWebsite>.NotRead("another shard reads it");
        var account = new AzureStorageAccount(accountResource, accountSettings, website);
        var accountRetention = arm is not null && retention is not null ? await retention.ReadAccountAsync(arm.ResourceId, cancellationToken) : null;
        if (auditsAccount) await sink.SubjectAsync(account, cancellationToken);

        var containers = ListContainersAsync(service, cancellationToken)
            .Where(item => containerFilter.Count == 0 || containerFilter.Contains(item.Name, StringComparer.OrdinalIgnoreCase));
        await ResourceFanOut.RunAsync(containers, new ListingScope(accountResource, CoverageKinds.Container, containersSharded), item
            => ContainerResource(service, arm, item.Name),
            async (item, token) =>
            {
                var container = await ReadContainerAsync(service, account, ContainerResource(service, arm, item.Name), item, token);
                if (accountRetention is not null)
                    container = container with { Retention = await retention!.ReadContainerAsync(arm!.ResourceId, item.Name, accountRetention, token) };
                await sink.SubjectAsync(container, token);
                await sink.ObjectsAsync(container, new AzureBlobStore(service.GetBlobContainerClient(item.Name), changeFeed), token);
            },
            sink, AzureFaults.Instance, settings.Sweep.ContainerConcurrency, cancellationToken);
    }

    private async Task<AzureContainer> ReadContainerAsync(BlobServiceClient service, AzureStorageAccount account, ResourceRef resource, BlobContainerItem item,
        CancellationToken cancellationToken)
    {
        var level = item.Properties.PublicAccess switch
        {
            PublicAccessType.BlobContainer => ContainerAccessLevel.Container,
            PublicAccessType.Blob => ContainerAccessLevel.Blob,
            _ => ContainerAccessLevel.None,
        };
        var container = service.GetBlobContainerClient(item.Name);
        var probe = AnonymousProbe.NotAttempted;
        // Blob Storage refuses every anonymous request to a container whose access level is None (List Containers says so), so a
        // probe there could prove nothing: it would cost a blob listing and two anonymous requests per private container.
        if (settings.Sweep.AnonymousProbe && level != ContainerAccessLevel.None)
            probe = await _probe.ProbeAsync(container.Uri, await ProbeBlobs.ChooseAsync(container, cancellationToken), cancellationToken);
        var metadata = new Dictionary<string, string>(item.Properties.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        return new AzureContainer(resource, level, account, metadata, probe)
        {
            Url = container.Uri,
            StoredAccessPolicies = await StoredAccessPoliciesAsync(container, cancellationToken),
        };
    }

    /// <summary>Get Container ACL: the signed identifiers. A refusal leaves them unread (the container is partially audited).</summary>
    private static async Task<Observed<IReadOnlyList<StoredAccessPolicy>>> StoredAccessPoliciesAsync(BlobContainerClient container,
        CancellationToken cancellationToken)
    {
        try
        {
            var acl = (await container.GetAccessPolicyAsync(cancellationToken: cancellationToken)).Value;
            return Observed<IReadOnlyList<StoredAccessPolicy>>.Of(acl.SignedIdentifiers.Select(s => new StoredAccessPolicy(s.Id,
                s.AccessPolicy?.PolicyStartsOn, s.AccessPolicy?.PolicyExpiresOn, s.AccessPolicy?.Permissions ?? "")).ToList());
        }
#pragma warning disable CA1031 // Whatever kept the ACL unread (refused, throttled, no answer) leaves this one setting unknown, with its reason.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance);
            return Observed<IReadOnlyList<StoredAccessPolicy>>.Failed(fault with { Reason = $"Get Container ACL: {fault.Reason}" });
        }
    }

    /// <summary>
    /// The first data-plane call doubles as the reachability test for the whole account: no connection, no credential or
    /// rejected credentials mean nothing in the account can be read. A missing permission leaves only this setting unread.
    /// </summary>
    private async Task<Observed<StaticWebsite>> ReadStaticWebsiteAsync(BlobServiceClient service, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await service.GetPropertiesAsync(cancellationToken);
            return Observed<StaticWebsite>.Of(new StaticWebsite(properties.Value.StaticWebsite?.Enabled ?? false));
        }
#pragma warning disable CA1031 // Every failure of the first call is classified: either the account is unreachable, or one setting is unread.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var fault = FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance);
            if (sharedKey && fault.Kind == FaultKind.AccessDenied && e is RequestFailedException refused)
            {
                fault = new Fault(FaultKind.AuthenticationFailed, $"the account key was rejected, or a firewall rule refused this client ({refused.Status} " +
                    $"{refused.ErrorCode}): " +
                    "check the connection string's AccountKey and the account's network rules");
            }
            else if (fault.Kind is FaultKind.AccessDenied or FaultKind.NotSupported && e is RequestFailedException failed)
            {
                logger.LogWarning("Blob service properties of {Account} are not readable ({Reason}); static website not judged", service.AccountName,
                    fault.Reason);
                return Observed<StaticWebsite>.Failed(AzureFaults.Of("Get Blob Service Properties", failed));
            }
            throw new TargetUnreachableException($"Storage account {service.AccountName} at {service.Uri.GetLeftPart(UriPartial.Authority)}", fault, e);
        }
    }

    private static IAsyncEnumerable<BlobContainerItem> ListContainersAsync(BlobServiceClient service, CancellationToken cancellationToken) =>
        service.GetBlobContainersAsync(BlobContainerTraits.Metadata, BlobContainerStates.None, prefix: null, cancellationToken);

    private static ResourceRef AccountResource(BlobServiceClient service, ArmStorageAccount? arm) =>
        new(arm?.ResourceId ?? service.Uri.ToString().TrimEnd('/'), "storage-account", service.AccountName) { Account = service.AccountName };

    private static ResourceRef ContainerResource(BlobServiceClient service, ArmStorageAccount? arm, string container) =>
        new(arm is null ? service.GetBlobContainerClient(container).Uri.ToString() : $"{arm.ResourceId}/blobServices/default/containers/{container}",
            "blob-container", container)
        { Account = service.AccountName, Container = container };
}
