using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Config;

/// <summary>What `report metrics` measures against.</summary>
public sealed class ReportingSettings
{
    /// <summary>Hours within which a finding of each severity should be remediated or resolved.</summary>
    public Dictionary<Severity, int> SlaHours { get; set; } = new()
    {
        [Severity.Critical] = 24, [Severity.High] = 72, [Severity.Medium] = 720, [Severity.Low] = 2160, [Severity.Info] = 8760,
    };
}
