namespace CloudAuditor.Core.Config;

/// <summary>The YAML configuration, bound as written and then validated by <see cref="ConfigLoader"/>.</summary>
public sealed class AuditorConfig
{
    public SweepSettings Sweep { get; set; } = new();
    public SamplingSettings Sampling { get; set; } = new();
    public RemediationSettings Remediation { get; set; } = new();
    public OwnerSettings Owners { get; set; } = new();
    public NotificationSettings Notifications { get; set; } = new();
    public StateSettings State { get; set; } = new();
    public RetentionSettings Retention { get; set; } = new();
    public List<AzureTarget> Azure { get; set; } = [];
    public List<AwsTarget> Aws { get; set; } = [];

    public int TargetCount => Azure.Count + Aws.Count;

    /// <summary>
    /// The same configuration over fewer targets (a queue message's target, an event's container or bucket), every other
    /// section kept as it is; sampling can be switched for event re-checks. A memberwise copy, so new settings are never lost.
    /// </summary>
    public AuditorConfig Narrowed(IEnumerable<AzureTarget> azure, IEnumerable<AwsTarget> aws, bool? sampling = null)
    {
        var copy = (AuditorConfig)MemberwiseClone();
        copy.Azure = [.. azure];
        copy.Aws = [.. aws];
        if (sampling is { } enabled) copy.Sampling = Sampling.WithEnabled(enabled);
        return copy;
    }
}

public sealed class SweepSettings
{
    /// <summary>Targets audited at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Containers or buckets of one target audited at once: bounded, so one account is not throttled by its own auditor.</summary>
    public int ContainerConcurrency { get; set; } = 4;

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

    public SamplingSettings WithEnabled(bool enabled)
    {
        var copy = (SamplingSettings)MemberwiseClone();
        copy.Enabled = enabled;
        return copy;
    }
}

/// <summary>Retention required per data class, the class read from a tag or metadata on the container or bucket.</summary>
public sealed class RetentionSettings
{
    public string ClassLabel { get; set; } = "data-class";

    /// <summary>The class of resources without the label; none means they are reported but not judged.</summary>
    public string? DefaultClass { get; set; }

    public Dictionary<string, RetentionRequirement> Classes { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class RetentionRequirement
{
    /// <summary>Data must be kept (undeletable) at least this long: immutability / object lock, or a legal hold.</summary>
    public int? MinRetentionDays { get; set; }

    /// <summary>The retention must be locked (Azure locked policy, S3 COMPLIANCE mode).</summary>
    public bool Immutable { get; set; }

    /// <summary>Data must be deleted within this many days: a lifecycle expiry at or below it.</summary>
    public int? MaxRetentionDays { get; set; }

    /// <summary>Deleted data recoverable this long: Azure soft delete, S3 versioning.</summary>
    public int? SoftDeleteDays { get; set; }

    public bool Versioning { get; set; }
}

public enum RemediationMode { Audit, Enforce }

/// <summary>What the auditor may change. Audit by default; enforce only the checks listed, at most MaxChanges per run.</summary>
public sealed class RemediationSettings
{
    public RemediationMode Mode { get; set; } = RemediationMode.Audit;

    /// <summary>Check ids that may be remediated in enforce mode (opt-in, one by one).</summary>
    public List<string> Checks { get; set; } = [];

    /// <summary>Blast-radius limit: changes per run, across all targets.</summary>
    public int MaxChanges { get; set; } = 10;

    /// <summary>Exemptions kept in the configuration (policy file) rather than on resources.</summary>
    public List<ExemptionRule> Exemptions { get; set; } = [];
}

public sealed class ExemptionRule
{
    /// <summary>Resource id or name, '*' as wildcard.</summary>
    public string Resource { get; set; } = "";

    /// <summary>Check ids; empty means all checks.</summary>
    public List<string> Checks { get; set; } = [];

    public string Reason { get; set; } = "";

    public DateOnly? Expires { get; set; }
}

/// <summary>Who hears about a resource when its tags and metadata do not say.</summary>
public sealed class OwnerSettings
{
    /// <summary>The mailbox of last resort, typically the security team.</summary>
    public string Default { get; set; } = "";

    /// <summary>Team names found in tags ("team: payments") mapped to addresses.</summary>
    public Dictionary<string, string> Teams { get; set; } = [];

    public List<OwnerRule> Resources { get; set; } = [];
}

public sealed class OwnerRule
{
    public string Match { get; set; } = "";
    public string Owner { get; set; } = "";
}

public sealed class NotificationSettings
{
    /// <summary>The same open finding is not sent to the same owner again within this many hours.</summary>
    public int WindowHours { get; set; } = 24;

    public EmailSettings? Email { get; set; }
    public List<WebhookSettings> Webhooks { get; set; } = [];
    public EventGridSettings? EventGrid { get; set; }

    /// <summary>The configuration path printed in notices' rollback commands; the path the sweep ran with when omitted.</summary>
    public string? ConfigPathHint { get; set; }
}

public sealed class EmailSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;

    /// <summary>none, starttls or tls.</summary>
    public string Security { get; set; } = "starttls";

    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "";
}

public sealed class WebhookSettings
{
    public string Url { get; set; } = "";

    /// <summary>slack, teams or json.</summary>
    public string Format { get; set; } = "json";
}

public sealed class EventGridSettings
{
    public string Endpoint { get; set; } = "";
    public string? Key { get; set; }
}

/// <summary>Where findings, the remediation journal and the notification log live.</summary>
public sealed class StateSettings
{
    public string SqlitePath { get; set; } = ".cloudauditor/state.db";

    /// <summary>When set, Azure Table storage is used instead of SQLite (the Functions app's store).</summary>
    public string? TableConnectionString { get; set; }

    /// <summary>Azure Table storage with Entra ID (managed identity) instead of a connection string.</summary>
    public string? TableServiceUri { get; set; }

    public string TablePrefix { get; set; } = "cloudauditor";
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

    /// <summary>The same target, credentials and all, limited to some containers.</summary>
    public AzureTarget LimitedTo(IEnumerable<string> containers)
    {
        var copy = (AzureTarget)MemberwiseClone();
        copy.Containers = [.. containers];
        return copy;
    }
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

    /// <summary>With RoleArn: assume the role keylessly with an Entra ID token for this audience (AssumeRoleWithWebIdentity).</summary>
    public string? WebIdentityAudience { get; set; }

    /// <summary>Account id reported on findings; read from STS when omitted and reachable.</summary>
    public string? AccountId { get; set; }

    /// <summary>Only these buckets, when given.</summary>
    public List<string> Buckets { get; set; } = [];

    /// <summary>The same target, credentials and all, limited to some buckets.</summary>
    public AwsTarget LimitedTo(IEnumerable<string> buckets)
    {
        var copy = (AwsTarget)MemberwiseClone();
        copy.Buckets = [.. buckets];
        return copy;
    }
}
