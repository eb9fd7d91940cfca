using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CloudAuditor.Core.Config;

/// <summary>Reads, expands and validates the YAML configuration, failing at start with a clear message.</summary>
public static class ConfigLoader
{
    public static AuditorConfig LoadFile(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"Configuration file '{path}' does not exist.");
        return Parse(File.ReadAllText(path), path);
    }

    public static AuditorConfig Parse(string yaml, string source = "configuration")
    {
        var deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .Build();
        AuditorConfig config;
        try
        {
            config = deserializer.Deserialize<AuditorConfig?>(new EnvironmentExpandingParser(new Parser(new StringReader(yaml)), source))
                ?? new AuditorConfig();
        }
        catch (YamlException e)
        {
            var reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new ConfigException($"{source} line {e.Start.Line}: {reason}", e);
        }
        Validate(config, source);
        return config;
    }

    private static void Validate(AuditorConfig config, string source)
    {
        var errors = new List<string>();
        if (config.TargetCount == 0) errors.Add("no targets: add at least one entry under 'azure' or 'aws'");
        if (config.Sweep.Concurrency is < 1 or > 64) errors.Add("sweep.concurrency must be between 1 and 64");
        if (config.Sweep.ContainerConcurrency is < 1 or > 64) errors.Add("sweep.containerConcurrency must be between 1 and 64");
        if (config.Sweep.RequestTimeoutSeconds is < 1 or > 600) errors.Add("sweep.requestTimeoutSeconds must be between 1 and 600");
        if (config.Sweep.ObjectAclSample is < 0 or > 1000) errors.Add("sweep.objectAclSample must be between 0 and 1000");
        if (config.Sweep.MaxRetries is < 0 or > 20) errors.Add("sweep.maxRetries must be between 0 and 20");
        foreach (var (name, rate) in new[] { ("storageAccount", config.Sweep.RequestRates.StorageAccount), ("bucket", config.Sweep.RequestRates.Bucket),
            ("armSubscription", config.Sweep.RequestRates.ArmSubscription) })
            if (rate is < 1 or > 100_000) errors.Add($"sweep.requestRates.{name} must be between 1 and 100000 requests per second");
        var sampling = config.Sampling;
        if (sampling.ObjectsPerContainer is < 1 or > 10_000) errors.Add("sampling.objectsPerContainer must be between 1 and 10000");
        if (sampling.BytesPerObject is < 1024 or > 1L << 30) errors.Add("sampling.bytesPerObject must be between 1 KiB and 1 GiB");
        if (sampling.MaxWholeObjectBytes is < 1024 or > 1L << 30) errors.Add("sampling.maxWholeObjectBytes must be between 1 KiB and 1 GiB");
        if (sampling.ListLimit < sampling.ObjectsPerContainer) errors.Add("sampling.listLimit must be at least sampling.objectsPerContainer");
        if (sampling.ListCalls < 1) errors.Add("sampling.listCalls must be at least 1");
        if (sampling.RecheckShare is < 0 or > 1) errors.Add("sampling.recheckShare must be between 0 and 1");
        if (config.Sweep.DeadlineMinutes < 1) errors.Add("sweep.deadlineMinutes must be at least 1");
        foreach (var (severity, hours) in config.Reporting.SlaHours.Where(s => s.Value < 1))
            errors.Add($"reporting.slaHours.{severity.ToString().ToLowerInvariant()} must be at least 1 hour, not {hours}");
        foreach (var (name, shards) in config.TargetShards)
            if (shards is < 0 or > Engine.ShardCounts.MaxShards)
                errors.Add($"target '{name}': shards must be between 1 and {Engine.ShardCounts.MaxShards} (or left out, to be derived from the target's size)");
        if (config.Sweep.ShardSize is < 1 or > 100_000) errors.Add("sweep.shardSize must be between 1 and 100000");
        if (sampling.MaxObjectsPerSweep < 1 || sampling.MaxBytesPerSweep < 1024) errors.Add("sampling sweep budgets must be positive");
        if (sampling.MemoryBudgetBytes is < 32L << 20 or > 64L << 30) errors.Add("sampling.memoryBudgetBytes must be between 32 MiB and 64 GiB");

        if (config.Remediation.MaxChanges is < 0 or > 10_000) errors.Add("remediation.maxChanges must be between 0 and 10000");
        if (config.Remediation.LeaseWaitSeconds is < 0 or > 3600) errors.Add("remediation.leaseWaitSeconds must be between 0 and 3600");
        // Typos in remediation.checks would silently disable enforcement: they fail at start instead.
        var unknownChecks = config.Remediation.Checks.Where(c => Checks.CheckCatalog.Default.Find(c) is null).ToList();
        if (unknownChecks.Count > 0) errors.Add($"remediation.checks names unknown checks: {string.Join(", ", unknownChecks)}");
        var unfixable = config.Remediation.Checks.Where(c => Checks.CheckCatalog.Default.Find(c) is { Remediable: false }).ToList();
        if (unfixable.Count > 0) errors.Add($"remediation.checks names checks that enforce mode cannot fix: {string.Join(", ", unfixable)}");
        if (config.Remediation.Exemptions.Any(e => string.IsNullOrWhiteSpace(e.Resource) || string.IsNullOrWhiteSpace(e.Reason)))
            errors.Add("every remediation.exemptions entry needs a resource and a reason");
        if (config.Notifications.Email is { } email && (string.IsNullOrWhiteSpace(email.Host) || !email.From.Contains('@', StringComparison.Ordinal)))
            errors.Add("notifications.email needs a host and a from address");
        if (config.Notifications.Email?.Security is { } security && security is not ("none" or "starttls" or "tls"))
            errors.Add("notifications.email.security must be none, starttls or tls");
        foreach (var hook in config.Notifications.Webhooks)
        {
            if (!Uri.TryCreate(hook.Url, UriKind.Absolute, out _)) errors.Add("every notifications.webhooks entry needs an absolute url");
            if (hook.Format is not ("slack" or "teams" or "json")) errors.Add("notifications.webhooks format must be slack, teams or json");
        }
        if (config.Notifications.EventGrid is { } grid && !Uri.TryCreate(grid.Endpoint, UriKind.Absolute,
            out _)) errors.Add("notifications.eventGrid.endpoint is not an absolute URL");
        if (config.Notifications.WindowHours is < 0 or > 24 * 90) errors.Add("notifications.windowHours must be between 0 and 2160");

        foreach (var (target, index) in config.Azure.Select((t, i) => (t, i)))
        {
            var label = $"azure[{index}]";
            if (string.IsNullOrWhiteSpace(target.Name)) errors.Add($"{label} needs a name");
            var ways = new[] { target.ConnectionString is not null, target.AccountUrl is not null, target.Subscriptions.Count > 0 }.Count(b => b);
            if (ways != 1) errors.Add($"{label} needs exactly one of connectionString, accountUrl or subscriptions");
            if (target.AccountUrl is not null && !Uri.TryCreate(target.AccountUrl, UriKind.Absolute,
                out _)) errors.Add($"{label}.accountUrl is not an absolute URL");
            if (target.ResourceId is not null && !target.ResourceId.Contains("/providers/Microsoft.Storage/storageAccounts/",
                StringComparison.OrdinalIgnoreCase))
                errors.Add($"{label}.resourceId is not a storage account ARM id");
        }

        foreach (var (target, index) in config.Aws.Select((t, i) => (t, i)))
        {
            var label = $"aws[{index}]";
            if (string.IsNullOrWhiteSpace(target.Name)) errors.Add($"{label} needs a name");
            if ((target.AccessKeyId is null) != (target.SecretAccessKey is null)) errors.Add($"{label} needs both accessKeyId and secretAccessKey, or neither");
            if (target.ServiceUrl is not null && !Uri.TryCreate(target.ServiceUrl, UriKind.Absolute,
                out _)) errors.Add($"{label}.serviceUrl is not an absolute URL");
            if (target.WebIdentityAudience is not null && (target.RoleArn is null || target.AccessKeyId is not null || target.Profile is not null))
                errors.Add($"{label}.webIdentityAudience needs roleArn and no keys or profile");
        }

        var duplicate = config.Azure.Select(t => t.Name).Concat(config.Aws.Select(t => t.Name)).GroupBy(n => n).FirstOrDefault(g => g.Count() > 1
            && g.Key.Length > 0);
        if (duplicate is not null) errors.Add($"target name '{duplicate.Key}' is used twice");

        if (errors.Count > 0) throw new ConfigException($"{source} is invalid: {string.Join("; ", errors)}.");
    }

}
