using CloudAuditor.Core.Config;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Where a bucket (or one of its objects) is addressed, for the requests the auditor sends itself, signed or not: path style
/// when the target asks for it or the bucket's name has dots (a virtual host would not match S3's TLS certificate), else
/// virtual-hosted, on the target's endpoint or the bucket's regional one. Key segments are escaped once, as S3 signs them.
/// </summary>
internal static class S3Addressing
{
    public static bool IsPathStyle(AwsTarget target, string bucket) => target.ForcePathStyle || bucket.Contains('.', StringComparison.Ordinal);

    /// <summary>The bucket's address without a trailing slash: <c>https://host/bucket</c> or <c>https://bucket.host</c>.</summary>
    public static string Bucket(AwsTarget target, string bucket, string region)
    {
        var (scheme, host) = target.ServiceUrl is { } service
            ? (new Uri(service).Scheme, new Uri(service).Authority)
            : ("https", $"s3.{region}.amazonaws.com");
        return IsPathStyle(target, bucket) ? $"{scheme}://{host}/{bucket}" : $"{scheme}://{bucket}.{host}";
    }

    public static string Object(AwsTarget target, string bucket, string region, string key) =>
        $"{Bucket(target, bucket, region)}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";

    private static readonly UriCreationOptions AsWritten = new() { DangerousDisablePathAndQueryCanonicalization = true };

    /// <summary>The address as a URI sent as written: a key's "." and ".." segments name the object, they are not collapsed.</summary>
    public static Uri Verbatim(string address) => new(address, AsWritten);
}
