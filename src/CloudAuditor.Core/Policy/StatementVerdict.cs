using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Policy;

/// <summary>One statement's verdict: who it lets in, what it lets them do, and the reason that decided it.</summary>
public sealed record StatementVerdict(PolicyStatement Statement, string Label, PolicyReach Reach, S3Access Access, string Reason)
{
    /// <summary>"PublicRead (s3:GetObject): read objects — granted to "*" with no restricting condition".</summary>
    public string Describe() =>
        $"{Label} ({string.Join(",", Statement.Actions.Count > 0 ? Statement.Actions : Statement.NotActions.Select(a => "NotAction " + a))}): " +
        $"{S3Actions.Describe(Access)} — {Reason}";
}
