namespace CloudAuditor.Core.Policy;

/// <summary>A bucket policy's verdict: the widest reach of its statements and what the public ones grant.</summary>
public sealed record PolicyVerdict(IReadOnlyList<StatementVerdict> Statements)
{
    public PolicyReach Reach => Statements.Count == 0 ? PolicyReach.NotPublic : Statements.Max(s => s.Reach);

    public IEnumerable<StatementVerdict> Public => Statements.Where(s => s.Reach == PolicyReach.Public);

    public IEnumerable<StatementVerdict> OrganisationWide => Statements.Where(s => s.Reach == PolicyReach.OrganisationWide);

    public S3Access PublicAccess => Public.Aggregate(S3Access.None, (access, s) => access | s.Access);
}
