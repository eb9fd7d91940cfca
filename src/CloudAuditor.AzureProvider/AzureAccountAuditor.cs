using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using Microsoft.Extensions.Logging;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>Reads one storage account's data plane (and, when known, its ARM properties) into the model.</summary>
public sealed class AzureAccountAuditor(AzureClientFactory settings, IReadOnlyCollection<string> containerFilter, ILogger logger, ArmRetentionReader? retention = null) : IRequiresPermissions
{
    /// <summary>Get Blob Service Properties, List Containers, and a one-blob listing for the anonymous read probe.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/read"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"),
    ];

    private const string NoArm = "account settings are read through ARM: configure the account's resourceId";

    private readonly AnonymousBlobProbe _probe = new(settings);

    public async Task AuditAsync(BlobServiceClient service, ArmStorageAccount? arm, IInventorySink sink, CancellationToken cancellationToken)
    {
        var accountSettings = arm is null ? Observed<AzureAccountSettings>.NotRead(NoArm) : Observed<AzureAccountSettings>.Of(arm.Settings);
        var account = new AzureStorageAccount(AccountResource(service, arm), accountSettings, await ReadStaticWebsiteAsync(service, cancellationToken));
        await sink.SubjectAsync(account, cancellationToken);
        var accountRetention = arm is not null && retention is not null ? await retention.ReadAccountAsync(arm.ResourceId, cancellationToken) : null;

        var containers = ListContainersAsync(service, cancellationToken)
            .Where(item => containerFilter.Count == 0 || containerFilter.Contains(item.Name, StringComparer.OrdinalIgnoreCase));
        await Parallel.ForEachAsync(containers, new ParallelOptions { MaxDegreeOfParallelism = settings.Sweep.ContainerConcurrency, CancellationToken = cancellationToken }, async (item, cancellationToken) =>
        {
            var resource = ContainerResource(service, arm, item.Name);
            try
            {
                var container = await ReadContainerAsync(service, account, resource, item, cancellationToken);
                if (accountRetention is not null)
                    container = container with { Retention = await retention!.ReadContainerAsync(arm!.ResourceId, item.Name, accountRetention, cancellationToken) };
                await sink.SubjectAsync(container, cancellationToken);
                await sink.ObjectsAsync(container, new AzureBlobStore(service.GetBlobContainerClient(item.Name)), cancellationToken);
            }
            catch (RequestFailedException e)
            {
                logger.LogWarning("Container {Container} could not be read: {Status}", resource.Id, e.Status);
                await sink.ErrorAsync(FindingFactory.Error(CloudKind.Azure, resource, AuditGapChecks.AzureContainerUnreadable,
                    $"The container could not be read ({ArmAccountReader.Describe(e)})."), cancellationToken);
            }
        });
    }

    private async Task<AzureContainer> ReadContainerAsync(BlobServiceClient service, AzureStorageAccount account, ResourceRef resource, BlobContainerItem item, CancellationToken cancellationToken)
    {
        var level = item.Properties.PublicAccess switch
        {
            PublicAccessType.BlobContainer => ContainerAccessLevel.Container,
            PublicAccessType.Blob => ContainerAccessLevel.Blob,
            _ => ContainerAccessLevel.None,
        };
        var container = service.GetBlobContainerClient(item.Name);
        var probe = AnonymousProbe.NotAttempted;
        if (settings.Sweep.AnonymousProbe)
            probe = await _probe.ProbeAsync(container.Uri, await FirstBlobNameAsync(container, cancellationToken), cancellationToken);
        var metadata = new Dictionary<string, string>(item.Properties.Metadata ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        return new AzureContainer(resource, level, account, metadata, probe) { Url = container.Uri };
    }

    private static async Task<string?> FirstBlobNameAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            return page.Values.Count > 0 ? page.Values[0].Name : null;
        return null;
    }

    /// <summary>The first data-plane call doubles as the reachability test for the whole account.</summary>
    private async Task<Observed<StaticWebsite>> ReadStaticWebsiteAsync(BlobServiceClient service, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await service.GetPropertiesAsync(cancellationToken);
            return Observed<StaticWebsite>.Of(new StaticWebsite(properties.Value.StaticWebsite?.Enabled ?? false));
        }
        catch (RequestFailedException e) when (e.Status is 0 or 401)
        {
            throw new TargetUnreachableException($"Storage account {service.AccountName} at {service.Uri.GetLeftPart(UriPartial.Authority)} did not answer ({ArmAccountReader.Describe(e)}).", e);
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is RequestFailedException { Status: 0 }))
        {
            throw new TargetUnreachableException($"Storage account {service.AccountName} at {service.Uri.GetLeftPart(UriPartial.Authority)} did not answer after {e.InnerExceptions.Count} attempts.", e);
        }
        catch (AuthenticationFailedException e)
        {
            throw new TargetUnreachableException($"No Azure credential could sign in for {service.AccountName}: {e.GetType().Name}.", e);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            logger.LogWarning("Blob service properties of {Account} are not readable (403); static website not judged", service.AccountName);
            return Observed<StaticWebsite>.Failed($"Get Blob Service Properties: {ArmAccountReader.Describe(e)}");
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
