namespace CloudAuditor.Core.State;

/// <summary>What happened to a finding between two sightings.</summary>
public enum TransitionKind
{
    /// <summary>First seen failing, or failing again after an error hid it.</summary>
    Opened,

    /// <summary>Fixed by this tool.</summary>
    Remediated,

    /// <summary>Passing again without this tool's change: fixed by someone, or the resource changed.</summary>
    Resolved,

    Exempted,

    /// <summary>Failing again after it had passed, been remediated or exempted.</summary>
    Reopened,
}
