namespace CloudAuditor.Core.Config;

public sealed class SweepSettings
{
    /// <summary>Targets audited at once.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>
    /// Containers or buckets of one target audited at once. What keeps an account from being throttled by its own auditor is
    /// its request budget (<see cref="RequestRates"/>, and the pause a throttling answer sets), not this: concurrency only
    /// decides how many round trips overlap.
    /// </summary>
    public int ContainerConcurrency { get; set; } = 16;

    /// <summary>
    /// Containers, storage accounts or buckets per shard, for targets without a <c>shards</c> setting: when a sweep is
    /// planned, each such target is counted (one listing) and split into parts of about this many, so a target of thousands
    /// is never one invocation that must finish inside the Functions timeout.
    /// </summary>
    public int ShardSize { get; set; } = 100;

    /// <summary>Make an unauthenticated request to every container/bucket to prove (or disprove) exposure.</summary>
    public bool AnonymousProbe { get; set; } = true;

    /// <summary>
    /// Objects per bucket whose ACL is read (spread across top-level prefixes, at random within them), and the first few of
    /// which (public ones first) the anonymous probe also tries to read. 0 reads no object ACL.
    /// </summary>
    public int ObjectAclSample { get; set; } = 20;

    /// <summary>Seconds before one cloud request is abandoned; retries with backoff happen within the SDKs.</summary>
    public int RequestTimeoutSeconds { get; set; } = 30;

    public int MaxRetries { get; set; } = 5;

    /// <summary>
    /// Minutes after which a sweep whose shards have not all finished is closed anyway (owners get their digest of what was
    /// found, the missing shards are named). Longer than a shard's retries: 5 deliveries of a 30-minute function.
    /// </summary>
    public int DeadlineMinutes { get; set; } = 240;

    /// <summary>
    /// Requests per second sent at most to one storage account, one bucket, one subscription's ARM; a throttled endpoint is
    /// also paused for as long as it asks, whatever its rate. Shared by every sweep of the process.
    /// </summary>
    public RequestRates RequestRates { get; set; } = new();
}
