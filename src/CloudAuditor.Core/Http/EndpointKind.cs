namespace CloudAuditor.Core.Http;

/// <summary>What a request budget is kept per: the unit each cloud throttles by.</summary>
public enum EndpointKind
{
    /// <summary>An Azure storage account (blob, queue and table services together).</summary>
    StorageAccount,

    /// <summary>An S3 bucket.</summary>
    Bucket,

    /// <summary>Azure Resource Manager calls for one subscription.</summary>
    ArmSubscription,

    /// <summary>Any other host (Microsoft Graph, STS, S3 Control): paused when it throttles, not rate-limited.</summary>
    Host,
}
