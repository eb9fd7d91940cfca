namespace CloudAuditor.Core.Config;

public sealed class AwsTarget
{
    public string Name { get; set; } = "";
    public string Region { get; set; } = "us-east-1";

    /// <summary>An S3-compatible endpoint instead of AWS (s3rver, MinIO).</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// The S3 Control endpoint for account-level Block Public Access, when not https://{account}.s3-control.{region}.amazonaws.com
    /// (a VPC endpoint, FIPS). With serviceUrl and no s3ControlUrl the endpoint is taken to have no account layer.
    /// </summary>
    public string? S3ControlUrl { get; set; }

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

    /// <summary>
    /// Parts a sweep splits this target into (by a stable hash of the names of its buckets): each
    /// is a shard of its own in the ledger and, in the Functions app, a queue message another instance can take. 0 (the
    /// default): derived when each sweep is planned, from the number of buckets and <see cref="SweepSettings.ShardSize"/>.
    /// </summary>
    public int Shards { get; set; }

    /// <summary>The same target, credentials and all, limited to some buckets.</summary>
    public AwsTarget LimitedTo(IEnumerable<string> buckets)
    {
        var copy = (AwsTarget)MemberwiseClone();
        copy.Buckets = [.. buckets];
        copy.Shards = 1;
        return copy;
    }
}
