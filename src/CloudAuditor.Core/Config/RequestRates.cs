using CloudAuditor.Core.Http;

namespace CloudAuditor.Core.Config;

/// <summary>
/// sweep.requestRates: the most requests per second the auditor sends to one endpoint. The storage defaults are a tenth of
/// what each service documents (20,000 requests/s per storage account; 5,500 GET/s per S3 prefix), so an audit never takes
/// the headroom production traffic needs; ARM's is 20 of the 25 reads/s a subscription's read bucket refills, since a
/// sweep's ARM reads are few per account and the bucket is the subscription's, not per account.
/// </summary>
public sealed class RequestRates
{
    public int StorageAccount { get; set; } = 2_000;

    public int Bucket { get; set; } = 550;

    public int ArmSubscription { get; set; } = 20;

    /// <summary>The rate for an endpoint of this kind; null where only pauses apply.</summary>
    public int? PerSecond(EndpointKind kind) => kind switch
    {
        EndpointKind.StorageAccount => StorageAccount,
        EndpointKind.Bucket => Bucket,
        EndpointKind.ArmSubscription => ArmSubscription,
        _ => null,
    };
}
