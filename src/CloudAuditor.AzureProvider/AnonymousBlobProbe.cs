using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Proves exposure the way an attacker would: an unauthenticated List Blobs, then one-byte reads of a few known blobs
/// (<see cref="ProbeBlobs"/>) until one answers.
/// Throttling, server errors and timeouts are retried like any request (refusals never are); a probe that never got an
/// answer says "not proven" with the reason, never "refused".
/// </summary>
public sealed class AnonymousBlobProbe(AzureClientFactory settings)
{
    public async Task<AnonymousProbe> ProbeAsync(Uri containerUri, IReadOnlyList<string> knownBlobs, CancellationToken cancellationToken)
    {
        var anonymous = new BlobContainerClient(containerUri, settings.BlobOptions());
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
            if (knownBlobs.Count == 0)
                return new AnonymousProbe(ProbeOutcome.Denied, listRequest, e.Status, $"anonymous List Blobs refused with {e.Status} {e.ErrorCode}");
            return await ProbeReadsAsync(anonymous, knownBlobs, e, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever kept the probe from an answer makes it "not proven", for this container only.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return NotProven(listRequest, "List Blobs", e, cancellationToken);
        }
        return new AnonymousProbe(ProbeOutcome.Allowed, listRequest, 200, "anonymous List Blobs returned 200");
    }

    /// <summary>
    /// The first read that answers decides; all refused is refused; any that got no answer leaves it not proven. Anonymous access is
    /// set per container, so a refusal that is the container's (401, 403, 404) settles it at once; only a blob's own refusal (416 for an
    /// empty blob, 409 for an archived one) sends the probe on to the next blob.
    /// </summary>
    private static async Task<AnonymousProbe> ProbeReadsAsync(BlobContainerClient anonymous, IReadOnlyList<string> blobs, RequestFailedException listRefusal,
        CancellationToken cancellationToken)
    {
        AnonymousProbe? notProven = null, refused = null;
        var tried = 0;
        foreach (var name in blobs.Take(ProbeBlobs.Tried))
        {
            var probe = await ProbeReadAsync(anonymous.GetBlobClient(name), listRefusal, cancellationToken);
            tried++;
            if (probe.Outcome == ProbeOutcome.Allowed) return probe;
            if (probe.Outcome == ProbeOutcome.Failed) notProven ??= probe;
            else refused = probe;
            if (refused is { HttpStatus: 401 or 403 or 404 }) break;
        }
        return notProven ?? refused! with { Summary = $"anonymous List Blobs ({listRefusal.Status}) and reads of {tried} " +
            $"blob(s) were refused (last: {refused!.HttpStatus})" };
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
#pragma warning disable CA1031 // Whatever kept the probe from an answer makes it "not proven", for this container only.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return NotProven(readRequest, "blob read", e, cancellationToken);
        }
    }

    private static AnonymousProbe NotProven(string request, string what, Exception e, CancellationToken cancellationToken)
    {
        var fault = FaultClassifier.Classify(e, cancellationToken, AzureFaults.Instance);
        var status = e is RequestFailedException { Status: > 0 } failed ? failed.Status : (int?)null;
        return new AnonymousProbe(ProbeOutcome.Failed, request, status, $"not proven: anonymous {what} " +
            $"{(fault.Kind == FaultKind.Throttled ? "was " : "")}{fault.Reason}")
        {
            Fault = fault,
        };
    }
}
