using CloudAuditor.Core.Model;
using CloudAuditor.Core.Policy;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>The bucket policy judged by AWS's meaning of "public" (see <see cref="PublicPolicyEvaluator"/>), each statement with its reason.</summary>
public sealed class PolicyPublicPrincipalCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.policy-public-principal";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Critical,
        "Bucket policy allows any principal",
        "An Allow to \"*\" (or via NotPrincipal) that grants reads, listings or writes, with no condition pinning it to fixed callers " +
        "(source IP range, VPC endpoint, account, organisation), grants anyone access.",
        "Remove the public statements or restrict them with aws:SourceVpce / aws:PrincipalOrgID conditions; turn on RestrictPublicBuckets.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.Policy.IsKnown) return null;
        if (bucket.Policy.Value is not { } policy) return CheckOutcome.Pass("The bucket has no policy.");
        var verdict = policy.Verdict;
        var publicStatements = verdict.Public.ToList();
        var organisation = verdict.OrganisationWide.Select(s => s.Describe()).ToList();
        var organisationEvidence = organisation.Count == 0 ? null : string.Join("; ", organisation);
        if (publicStatements.Count == 0)
            return CheckOutcome.Pass(organisation.Count == 0
                    ? "No policy statement is public: " + string.Join("; ", verdict.Statements.Select(s => $"{s.Label}: {s.Reason}")) + "."
                    : $"Not public, but open organisation-wide: {organisationEvidence}.",
                Evidence(("organisationWide", organisationEvidence)));
        var described = string.Join("; ", publicStatements.Select(s => s.Describe()));
        var access = S3Actions.Describe(verdict.PublicAccess);
        var evidence = Evidence(("publicStatements", described), ("publicAccess", access), ("organisationWide", organisationEvidence));
        return bucket.PublicAccessBlocks(p => p.RestrictPublicBuckets) switch
        {
            BlockState.On => CheckOutcome.Pass($"Public statements ({described}) are neutralised by RestrictPublicBuckets " +
                $"({bucket.PublicAccessBlockSource(p => p.RestrictPublicBuckets)}).", evidence),
            BlockState.Unknown => CheckOutcome.Undecided($"Public statements ({described}); whether RestrictPublicBuckets neutralises them " +
                $"is unknown: {bucket.UnknownPublicAccessBlock}.", evidence),
            _ => CheckOutcome.Fail($"Public policy statements let anyone {access}: {described}.", SeverityOf(verdict.PublicAccess), evidence),
        };
    }

    /// <summary>Reading or changing data or permissions is the breach; listing keys or reading configuration leaks less.</summary>
    private static Severity SeverityOf(S3Access access) =>
        (access & (S3Access.Read | S3Access.Write | S3Access.ManagePermissions)) != 0 ? Severity.Critical
        : access.HasFlag(S3Access.List) ? Severity.High
        : Severity.Medium;
}
