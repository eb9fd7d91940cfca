namespace CloudAuditor.Core.Http;

/// <summary>The endpoint a request counts against, read from its URL: a storage account, a bucket, an ARM subscription or a host.</summary>
public readonly record struct RequestEndpoint(EndpointKind Kind, string Name)
{
    /// <summary>
    /// An Azure request: ARM by subscription (/subscriptions/{id}/…), storage by account (the host's first label, or the first path
    /// segment where the host is an address, as emulators and custom domains with path-style accounts are reached).
    /// </summary>
    public static RequestEndpoint Azure(Uri uri)
    {
        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            return new(EndpointKind.ArmSubscription, segments[1].ToUpperInvariant());
        if (uri.Host.StartsWith("management.", StringComparison.OrdinalIgnoreCase) || uri.Host.StartsWith("graph.", StringComparison.OrdinalIgnoreCase)
            || uri.Host.StartsWith("login.", StringComparison.OrdinalIgnoreCase))
            return new(EndpointKind.Host, uri.Authority);
        if (IsAddress(uri))
            return segments.Length > 0 ? new(EndpointKind.StorageAccount, $"{uri.Authority}/{segments[0]}") : new(EndpointKind.Host, uri.Authority);
        return new(EndpointKind.StorageAccount, uri.Host.Split('.')[0]);
    }

    /// <summary>An AWS request: S3 by bucket (virtual-hosted or path-style); S3 Control, STS and bucket-less calls by host.</summary>
    public static RequestEndpoint Aws(Uri uri)
    {
        var host = uri.Host;
        if (host.Contains(".s3-control.", StringComparison.OrdinalIgnoreCase) || host.StartsWith("sts.", StringComparison.OrdinalIgnoreCase))
            return new(EndpointKind.Host, uri.Authority);
        var at = host.IndexOf(".s3.", StringComparison.OrdinalIgnoreCase);
        if (at < 0) at = host.IndexOf(".s3-", StringComparison.OrdinalIgnoreCase);
        if (at > 0) return new(EndpointKind.Bucket, host[..at]);
        var first = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null ? new(EndpointKind.Host, uri.Authority) : new(EndpointKind.Bucket, $"{uri.Authority}/{first}");
    }

    private static bool IsAddress(Uri uri) => uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || uri.IsLoopback;
}
