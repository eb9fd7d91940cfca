using System.Text.RegularExpressions;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Aws;

/// <summary>Bucket policies that let other AWS accounts in: legitimate for partners, a leak path when nobody remembers why.</summary>
public sealed partial class PolicyCrossAccountCheck : Check<S3Bucket>
{
    public const string Id = "aws.s3.policy-cross-account";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Iam, Severity.High,
        "Bucket policy grants access to other AWS accounts",
        "Principals from accounts outside your own can use the bucket with whatever their account's users and roles are allowed.",
        "Remove the foreign principals, or restrict them with aws:PrincipalOrgID and record an exemption naming the partner.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.1"]);

    protected override CheckOutcome? Evaluate(S3Bucket bucket, CheckContext context)
    {
        if (bucket.Resource.Account is not { } own || !bucket.Policy.IsKnown) return null;
        var foreign = (bucket.Policy.Value?.Statements ?? [])
            .Where(s => s.Allow && !s.UsesNotPrincipal)
            .SelectMany(s => s.Principals)
            .Select(p => AccountOf().Match(p))
            .Where(m => m.Success && m.Groups[1].Value != own)
            .Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal).ToList();
        return foreign.Count == 0
            ? CheckOutcome.Pass("The bucket policy grants nothing to other AWS accounts.")
            : CheckOutcome.Fail($"The bucket policy grants access to {foreign.Count} other account(s): {string.Join(", ", foreign)}.",
                evidence: Evidence(("foreignAccounts", string.Join(",", foreign))));
    }

    /// <summary>"123456789012", "arn:aws:iam::123456789012:root" or a user/role ARN; service principals do not match.</summary>
    [GeneratedRegex(@"^(?:arn:aws[\w-]*:(?:iam|sts)::)?(\d{12})(?::.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AccountOf();
}
