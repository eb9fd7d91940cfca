using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>A blob container's objects for sampling: listing with sizes and dates, and ranged downloads.</summary>
public sealed class AzureBlobStore(BlobContainerClient container) : IObjectStore, IRequiresPermissions
{
    /// <summary>List Blobs, Get Blob Properties and ranged Get Blob.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"),
    ];

    public ContentChecks Checks => ContentChecks.AzureBlob;

    public async IAsyncEnumerable<StoredObject> ListAsync(int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var listed = 0;
        await using var blobs = container.GetBlobsAsync(cancellationToken: cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (listed < limit)
        {
            try
            {
                if (!await blobs.MoveNextAsync()) yield break;
            }
#pragma warning disable CA1031 // Any failure of the listing becomes the store's classified fault.
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
                throw new ObjectStoreException(FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance), e);
            }
            listed++;
            var blob = blobs.Current;
            yield return new StoredObject(blob.Name, blob.Properties.ContentLength ?? 0, blob.Properties.LastModified);
        }
    }

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
