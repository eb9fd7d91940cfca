namespace CloudAuditor.Core.State;

/// <summary>
/// One change the auditor made (or meant to make), written before it acts: the prior state is what rollback
/// restores, so it is recorded first and never overwritten.
/// </summary>
public sealed record RemediationRecord
{
    public required string Id { get; init; }
    public required string Target { get; init; }
    public required string CheckId { get; init; }
    public required string Fingerprint { get; init; }
    public required string ResourceId { get; init; }
    public required string Action { get; init; }
    public required string PriorState { get; init; }
    public required string NewState { get; init; }
    public required RemediationStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? Detail { get; init; }
}
