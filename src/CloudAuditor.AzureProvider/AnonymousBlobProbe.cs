using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Proves exposure the way an attacker would: an unauthenticated List Blobs, then a one-byte read of a known blob.
/// No retries, so a refusal is reported as refused rather than hammered.
/// </summary>
public sealed class AnonymousBlobProbe(AzureClientFactory settings)
{
    public async Task<AnonymousProbe> ProbeAsync(Uri containerUri, string? knownBlob, CancellationToken cancellationToken)
    {
        var anonymous = new BlobContainerClient(containerUri, settings.BlobOptions(maxRetries: 0));
        var listRequest = $"GET {containerUri}?restype=container&comp=list";
        try
        {
            await foreach (var page in anonymous.GetBlobsAsync(cancellationToken: cancellationToken).AsPages(pageSizeHint: 1))
            {
                var count = page.Values.Count;
                return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200,
                    $"anonymous List Blobs returned 200 and {(count == 0 ? "an empty first page" : "blob names")}");
            }
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403 or 404 or 409)
        {
            if (knownBlob is null)
                return new AnonymousProbe(ProbeOutcome.Denied, listRequest, e.Status, $"anonymous List Blobs refused with {e.Status} {e.ErrorCode}");
            return await ProbeReadAsync(anonymous.GetBlobClient(knownBlob), e, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            return new AnonymousProbe(ProbeOutcome.Failed, listRequest, e.Status == 0 ? null : e.Status, $"anonymous List Blobs failed: {ArmAccountReader.Describe(e)}");
        }
        return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200, "anonymous List Blobs returned 200");
    }

    private static async Task<AnonymousProbe> ProbeReadAsync(BlobClient blob, RequestFailedException listRefusal, CancellationToken cancellationToken)
    {
        var readRequest = $"GET {blob.Uri} (Range: bytes=0-0)";
        try
        {
            var response = await blob.DownloadStreamingAsync(new BlobDownloadOptions { Range = new HttpRange(0, 1) }, cancellationToken);
            using var content = response.Value;
            var status = response.GetRawResponse().Status;
            return new AnonymousProbe(ProbeOutcome.Allowed, readRequest, status,
                $"anonymous List Blobs was refused ({listRefusal.Status}) but an anonymous read of a blob returned {status}");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403 or 404 or 409 or 416)
        {
            return new AnonymousProbe(ProbeOutcome.Denied, readRequest, e.Status,
                $"anonymous List Blobs ({listRefusal.Status}) and blob read ({e.Status} {e.ErrorCode}) were refused");
        }
        catch (RequestFailedException e)
        {
            return new AnonymousProbe(ProbeOutcome.Failed, readRequest, e.Status == 0 ? null : e.Status, $"anonymous blob read failed: {ArmAccountReader.Describe(e)}");
        }
    }
}
