namespace CloudAuditor.Core.Coverage;

/// <summary>How many resources of one kind ended in each state.</summary>
public sealed record KindCoverage(string Kind, int Audited, int Partial, int NotAudited)
{
    public int Total => Audited + Partial + NotAudited;
}
