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
    public ReportingSettings Reporting { get; set; } = new();
    public List<AzureTarget> Azure { get; set; } = [];
    public List<AwsTarget> Aws { get; set; } = [];

    public int TargetCount => Azure.Count + Aws.Count;

    /// <summary>Every target's name with the number of parts a sweep splits it into.</summary>
    public IEnumerable<(string Name, int Shards)> TargetShards =>
        Azure.Select(t => (t.Name, t.Shards)).Concat(Aws.Select(t => (t.Name, t.Shards)));

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
