using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>A blob container's objects for sampling: listing with sizes and dates, ranged downloads, and its account's change feed.</summary>
public sealed class AzureBlobStore(BlobContainerClient container, BlobChangeFeed? changeFeed = null) : IObjectStore, IRequiresPermissions
{
    /// <summary>List Blobs, Get Blob Properties and ranged Get Blob.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"),
    ];

    public ContentChecks Checks => ContentChecks.AzureBlob;

    public async Task<ListingPage> ListLevelAsync(string prefix, string? continuation, int pageSize, CancellationToken cancellationToken)
    {
        try
        {
            var options = new GetBlobsByHierarchyOptions { Delimiter = "/", Prefix = prefix.Length == 0 ? null : prefix };
            await foreach (var page in container.GetBlobsByHierarchyAsync(options, cancellationToken).AsPages(continuation, pageSize))
            {
                var objects = page.Values.Where(i => i.IsBlob)
                    .Select(i => new StoredObject(i.Blob.Name, i.Blob.Properties.ContentLength ?? 0, i.Blob.Properties.LastModified)).ToList();
                return new ListingPage(objects, page.Values.Where(i => i.IsPrefix).Select(i => i.Prefix).ToList(),
                    string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
            }
            return new ListingPage([], [], null);
        }
#pragma warning disable CA1031 // Any failure of the listing becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance), e);
        }
    }

    public async Task<ChangedObjects?> ChangesSinceAsync(DateTimeOffset since, int newest, CancellationToken cancellationToken) =>
        changeFeed is null ? null : await changeFeed.ChangesAsync(container.Name, since, newest, cancellationToken);

    public async Task<StoredObject?> GetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            var properties = (await container.GetBlobClient(key).GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
            return new StoredObject(key, properties.ContentLength, properties.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
#pragma warning disable CA1031 // Any failure of the read becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance), e);
        }
    }

    public async Task<Stream> OpenRangeAsync(string key, long length, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(key).DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, length) },
                cancellationToken);
            return download.Value.Content;
        }
#pragma warning disable CA1031 // Any failure of the read becomes the store's classified fault.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance), e);
        }
    }
}
