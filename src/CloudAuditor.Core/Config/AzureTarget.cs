namespace CloudAuditor.Core.Config;

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

    /// <summary>
    /// Parts a sweep splits this target into (by a stable hash of the names of its storage accounts of its subscriptions, or containers of the account): each
    /// is a shard of its own in the ledger and, in the Functions app, a queue message another instance can take. 0 (the
    /// default): derived when each sweep is planned, from the number of storage accounts or containers and
    /// <see cref="SweepSettings.ShardSize"/>.
    /// </summary>
    public int Shards { get; set; }

    /// <summary>The same target, credentials and all, limited to some containers.</summary>
    public AzureTarget LimitedTo(IEnumerable<string> containers)
    {
        var copy = (AzureTarget)MemberwiseClone();
        copy.Containers = [.. containers];
        copy.Shards = 1;
        return copy;
    }
}
