using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Blobs worth an anonymous one-byte read: from the first page of the listing, those a read can answer (not empty, which
/// answers 416, and not archived, which answers 409 to everyone) first, so a refusal means the container refused.
/// </summary>
internal static class ProbeBlobs
{
    public const int Tried = 5;

    private const int Listed = 100;

    public static async Task<IReadOnlyList<string>> ChooseAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        await foreach (var page in container.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: Listed))
            return page.Values.OrderBy(b => Readable(b) ? 0 : 1).Take(Tried).Select(b => b.Name).ToList();
        return [];
    }

    private static bool Readable(BlobItem blob) => blob.Properties.ContentLength is > 0 && blob.Properties.AccessTier != AccessTier.Archive;
}
