using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Policy;

/// <summary>
/// Whether a condition on a statement granted to "*" limits it to fixed callers, as S3 decides whether a policy is public
/// (S3 User Guide, "Blocking public access to your Amazon S3 storage" › "The meaning of 'public'"): only fixed values (no
/// wildcard, no policy variable) of the keys listed there restrict; a CIDR set restricts unless it is every address;
/// organisation keys narrow to a zone of trust, as IAM Access Analyzer treats them. Keys about the request rather than the
/// caller (aws:SecureTransport, aws:UserAgent, aws:Referer) restrict nothing.
/// </summary>
public static class ConditionJudge
{
    private static readonly HashSet<string> FixedCallerKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:SourceIp", "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
        "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalServiceName", "aws:userid",
        "s3:x-amz-server-side-encryption-aws-kms-key-id", "s3:DataAccessPointArn", "s3:DataAccessPointAccount",
    };

    private static readonly HashSet<string> OrganisationKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:SourceOrgID", "aws:SourceOrgPaths",
    };

    private static readonly HashSet<string> PositiveOperators = new(StringComparer.OrdinalIgnoreCase)
    {
        "StringEquals", "StringEqualsIgnoreCase", "StringLike", "ArnEquals", "ArnLike", "IpAddress",
    };

    private static readonly Dictionary<string, string> Negations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["StringNotEquals"] = "StringEquals", ["StringNotEqualsIgnoreCase"] = "StringEqualsIgnoreCase", ["StringNotLike"] = "StringLike",
        ["ArnNotEquals"] = "ArnEquals", ["ArnNotLike"] = "ArnLike", ["NotIpAddress"] = "IpAddress",
    };

    private static readonly HashSet<string> EveryAddress = new(StringComparer.Ordinal) { "0.0.0.0/0", "::/0", "0.0.0.0", "::" };

    /// <summary>A condition on an Allow: the statement applies only when it holds.</summary>
    public static ConditionJudgement OnAllow(PolicyCondition condition)
    {
        var (qualifier, op, ifExists) = Split(condition.Operator);
        var written = $"{condition.Operator} {condition.Key}";
        if (!FixedCallerKeys.Contains(condition.Key) && !OrganisationKeys.Contains(condition.Key))
            return Open($"{written} is about the request, not who sends it, so it does not limit who can call");
        if (ifExists)
            return Open($"{written}: IfExists lets a request without {condition.Key} through, and an anonymous request has none");
        if (qualifier.Equals("ForAllValues", StringComparison.OrdinalIgnoreCase))
            return Open($"{written}: ForAllValues is true when the request carries no {condition.Key} at all");
        if (op.Equals("Null", StringComparison.OrdinalIgnoreCase))
            return Open($"{written} only asks whether the key is present; any caller's value passes");
        if (Negations.ContainsKey(op))
            return Open($"{written} only excludes the values listed; everyone else is allowed");
        if (!PositiveOperators.Contains(op))
            return Open($"{written} does not compare {condition.Key} with fixed values");
        return Fixed(condition, written);
    }

    /// <summary>
    /// A condition on a Deny to everyone, read as what a request must satisfy to escape it: "Deny unless aws:SourceVpce is vpce-1"
    /// limits the bucket to that endpoint just as "Allow if" would. IfExists on a Deny makes it stricter, so it is dropped.
    /// </summary>
    public static ConditionJudgement OnDeny(PolicyCondition condition)
    {
        var (qualifier, op, _) = Split(condition.Operator);
        if (qualifier.Length > 0 || !Negations.TryGetValue(op, out var positive))
            return Open($"Deny with {condition.Operator} {condition.Key} refuses only some requests; the rest fall through to the Allow");
        return OnAllow(condition with { Operator = positive });
    }

    private static ConditionJudgement Fixed(PolicyCondition condition, string written)
    {
        if (condition.Values.Count == 0) return Open($"{written} lists no values");
        if (condition.Key.Equals("aws:SourceIp", StringComparison.OrdinalIgnoreCase))
            return condition.Values.FirstOrDefault(EveryAddress.Contains) is { } all
                ? Open($"{written} {all} is every address, so it restricts nothing")
                : new ConditionJudgement(PolicyReach.NotPublic, $"{written} limits callers to {Listed(condition.Values)}");
        if (OrganisationKeys.Contains(condition.Key))
        {
            var organisations = condition.Values.Select(v => v.Split('/')[0]).Distinct(StringComparer.Ordinal).ToList();
            return organisations.Any(o => IamPattern.HasWildcard(o) || IamPattern.HasVariable(o) || o.Length == 0)
                ? Open($"{written} {Listed(condition.Values)} is a wildcard, which every organisation matches")
                : new ConditionJudgement(PolicyReach.OrganisationWide, $"{written} limits callers to organisation {Listed(organisations)}");
        }
        var loose = condition.Values.FirstOrDefault(v => !IsFixed(condition.Key, v));
        return loose is not null
            ? Open($"{written} '{loose}' is not a fixed value (wildcard or policy variable), so any caller can match it")
            : new ConditionJudgement(PolicyReach.NotPublic, $"{written} limits callers to {Listed(condition.Values)}");
    }

    /// <summary>An access point ARN may wildcard the access point's name while its account stays fixed (the guide's note).</summary>
    private static bool IsFixed(string key, string value)
    {
        if (IamPattern.HasVariable(value)) return false;
        if (!key.Equals("s3:DataAccessPointArn", StringComparison.OrdinalIgnoreCase)) return !IamPattern.HasWildcard(value);
        var parts = value.Split(':');
        return parts.Length >= 6 && !parts.Take(5).Any(IamPattern.HasWildcard) && parts[4].Length > 0
            && parts[5].StartsWith("accesspoint/", StringComparison.Ordinal);
    }

    private static (string Qualifier, string Operator, bool IfExists) Split(string written)
    {
        var colon = written.IndexOf(':', StringComparison.Ordinal);
        var qualifier = colon < 0 ? "" : written[..colon];
        var op = colon < 0 ? written : written[(colon + 1)..];
        var ifExists = op.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase);
        return (qualifier, ifExists ? op[..^"IfExists".Length] : op, ifExists);
    }

    private static string Listed(IEnumerable<string> values) => string.Join(", ", values);

    private static ConditionJudgement Open(string reason) => new(PolicyReach.Public, reason);
}
