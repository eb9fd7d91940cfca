namespace CloudAuditor.Core.Remediation;

/// <summary>
/// What a remediator decided after reading the current state: a change to make, nothing to change (already fixed), or a
/// change it declines to make and why (a policy made only of public statements is not deleted). Declining is not a read failure.
/// </summary>
public sealed record RemediationPlan
{
    private RemediationPlan(RemediationChange? change, string? declinedBecause) => (Change, DeclinedBecause) = (change, declinedBecause);

    public RemediationChange? Change { get; }
    public string? DeclinedBecause { get; }

    public static RemediationPlan NothingToChange { get; } = new(null, null);

    public static RemediationPlan Make(RemediationChange change) => new(change, null);

    public static RemediationPlan Decline(string reason) => new(null, reason);
}
