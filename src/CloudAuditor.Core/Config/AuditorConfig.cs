namespace CloudAuditor.Core.Config;

/// <summary>The YAML configuration, bound as written and then validated by <see cref="ConfigLoader"/>.</summary>
public sealed class AuditorConfig
{
    public SweepSettings Sweep { get; set; } = new();
    public SamplingSettings Sampling { get; set; } = new();
    public List<AzureTarget> Azure { get; set; } = [];
    public List<AwsTarget> Aws { get; set; } = [];

    public int TargetCount => Azure.Count + Aws.Count;
}

public sealed class SweepSettings
{
    /// <summary>Targets audited at once; each target also pages its containers sequentially to respect throttling.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Make an unauthenticated request to every container/bucket to prove (or disprove) exposure.</summary>
    public bool AnonymousProbe { get; set; } = true;

    /// <summary>Seconds before one cloud request is abandoned; retries with backoff happen within the SDKs.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    public int MaxRetries { get; set; } = 5;
}

/// <summary>Budgets for reading object contents during a sweep: bounded per container and per sweep.</summary>
public sealed class SamplingSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Objects scanned per container or bucket, chosen across prefixes and extensions, newest first.</summary>
    public int ObjectsPerContainer { get; set; } = 20;

    /// <summary>Bytes range-read from the start of each text-like object.</summary>
    public long BytesPerObject { get; set; } = 1L << 20;

    /// <summary>Archives, Office files and PDFs need all of their bytes; larger ones are reported, not read.</summary>
    public long MaxWholeObjectBytes { get; set; } = 16L << 20;

    /// <summary>Keys listed per container to choose the sample from.</summary>
    public int ListLimit { get; set; } = 5000;

    public int MaxObjectsPerSweep { get; set; } = 10_000;

    public long MaxBytesPerSweep { get; set; } = 2L << 30;
}

public sealed class AzureTarget
{
    public string Name { get; set; } = "";

    /// <summary>Data-plane access with a connection string (Azurite, or accounts still on keys).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Data-plane access with Entra ID (DefaultAzureCredential / managed identity).</summary>
    public string? AccountUrl { get; set; }

    /// <summary>ARM id of the account, to read account properties (allowBlobPublicAccess, TLS, network rules).</summary>
    public string? ResourceId { get; set; }

    /// <summary>Audit every storage account in these subscriptions, found through ARM.</summary>
    public List<string> Subscriptions { get; set; } = [];

    public string ArmEndpoint { get; set; } = "https://management.azure.com";

    /// <summary>Only these containers, when given.</summary>
    public List<string> Containers { get; set; } = [];
}

public sealed class AwsTarget
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "us-east-1";

    /// <summary>An S3-compatible endpoint instead of AWS (s3rver, MinIO).</summary>
    public string? ServiceUrl { get; set; }

    public bool ForcePathStyle { get; set; }
    public string? AccessKeyId { get; set; }
    public string? SecretAccessKey { get; set; }
    public string? Profile { get; set; }
    public string? RoleArn { get; set; }

    /// <summary>Account id reported on findings; read from STS when omitted and reachable.</summary>
    public string? AccountId { get; set; }

    /// <summary>Only these buckets, when given.</summary>
    public List<string> Buckets { get; set; } = [];
}
