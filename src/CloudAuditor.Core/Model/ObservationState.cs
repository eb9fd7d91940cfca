namespace CloudAuditor.Core.Model;

public enum ObservationState
{
    /// <summary>Read: the value (or its absence) is known.</summary>
    Read,

    /// <summary>The read failed: the subject is partially audited.</summary>
    Failed,

    /// <summary>Not asked for, because the configuration gives no way to read it.</summary>
    NotRead,
}
