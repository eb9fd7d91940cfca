using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

public sealed class PolicyPublicPrincipalCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.policy-public-principal";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Exposure, Severity.Critical,
        "Bucket policy allows any principal",
        "An Allow statement with Principal \"*\" and no restricting condition (source IP, VPC, organisation, account) grants anyone access.",
        "Remove the public statements or restrict them with aws:SourceVpce / aws:PrincipalOrgID conditions; turn on RestrictPublicBuckets.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.4"])
    {
        Remediable = true,
    };

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (!bucket.Policy.IsKnown) return null;
        if (bucket.Policy.Value is not { } policy) return CheckOutcome.Pass("The bucket has no policy.");
        var publicStatements = policy.PublicStatements.ToList();
        if (publicStatements.Count == 0) return CheckOutcome.Pass("No policy statement allows an unrestricted principal.");
        var described = string.Join("; ", publicStatements.Select(s => $"{s.Sid ?? "(no Sid)"}: {string.Join(",", s.Actions)}"));
        var evidence = Evidence(("publicStatements", described));
        if (bucket.Blocks(p => p.RestrictPublicBuckets))
            return CheckOutcome.Pass($"Public statements ({described}) are neutralised by RestrictPublicBuckets.", evidence);
        return CheckOutcome.Fail($"Public policy statements: {described}.", evidence: evidence);
    }
}
