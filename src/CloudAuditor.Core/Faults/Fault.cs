namespace CloudAuditor.Core.Faults;

/// <summary>
/// A classified failure: its kind and one sentence a user can act on ("the account key was rejected (403
/// AuthenticationFailed)"), never a .NET type name for an expected failure and never content from the data.
/// </summary>
public sealed record Fault(FaultKind Kind, string Reason)
{
    /// <summary>Trying again later can succeed: the Functions host should retry the invocation.</summary>
    public bool Transient => Kind is FaultKind.Unreachable or FaultKind.TimedOut or FaultKind.Throttled or FaultKind.ServiceError or FaultKind.Busy;

    /// <summary>Counts against coverage: a limit is a documented cut, everything else left something unaudited by accident.</summary>
    public bool IsGap => Kind != FaultKind.Limit;

    public override string ToString() => Reason;
}
