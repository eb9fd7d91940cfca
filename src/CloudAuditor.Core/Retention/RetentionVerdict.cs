using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Retention;

/// <summary>One container's or bucket's retention measured against the requirement of its data class.</summary>
/// <param name="Unknown">Why a setting the requirement needs is not known; the verdict is then undecided.</param>
public sealed record RetentionVerdict(string? DataClass, RetentionRequirement? Requirement, RetentionPosture? Posture, IReadOnlyList<string> Shortfalls,
    IReadOnlyList<string> Unknown)
{
    public bool Judged => Requirement is not null && Posture is not null && Unknown.Count == 0;
    public bool Undecided => Requirement is not null && Unknown.Count > 0;
    public bool Compliant => Judged && Shortfalls.Count == 0;

    /// <summary>How long the class's scope can live under the lifecycle rules (current objects), with the rules that decide it.</summary>
    public ExpiryCoverage? Expiry => Judged && Posture!.Lifecycle.Value is { } rules ? LifecycleCoverage.CurrentVersions(rules, Requirement!.Prefixes) : null;
}
