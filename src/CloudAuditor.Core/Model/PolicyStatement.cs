namespace CloudAuditor.Core.Model;

/// <summary>One statement as written; what it means for exposure is decided in <see cref="Policy.PublicPolicyEvaluator"/>.</summary>
public sealed record PolicyStatement(
    string? Sid,
    bool Allow,
    IReadOnlyList<string> Principals,
    bool UsesNotPrincipal,
    IReadOnlyList<string> Actions,
    IReadOnlyList<PolicyCondition> Conditions)
{
    public IReadOnlyList<string> NotActions { get; init; } = [];
    public IReadOnlyList<string> Resources { get; init; } = [];
    public IReadOnlyList<string> NotResources { get; init; } = [];

    /// <summary>The Sid, or the statement's position when it has none, for reasons a person can find in the document.</summary>
    public string Label(int index) => Sid is { Length: > 0 } sid ? sid : $"statement {index + 1} (no Sid)";
}
