namespace CloudAuditor.Core.Config;

/// <summary>What the auditor may change. Audit by default; enforce only the checks listed, at most MaxChanges per run.</summary>
public sealed class RemediationSettings
{
    public RemediationMode Mode { get; set; } = RemediationMode.Audit;

    /// <summary>Check ids that may be remediated in enforce mode (opt-in, one by one).</summary>
    public List<string> Checks { get; set; } = [];

    /// <summary>Blast-radius limit: changes per sweep, across all targets and every process of the sweep.</summary>
    public int MaxChanges { get; set; } = 10;

    /// <summary>How long an enforce run waits for another enforce run of the same target to finish before reporting the target busy.</summary>
    public int LeaseWaitSeconds { get; set; } = 300;

    /// <summary>Exemptions kept in the configuration (policy file) rather than on resources.</summary>
    public List<ExemptionRule> Exemptions { get; set; } = [];
}
