using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Policy;

/// <summary>
/// Decides, statement by statement, whether a bucket policy is public in AWS's sense (S3 User Guide, "The meaning of 'public'"):
/// an Allow whose principal is everyone ("*", {"AWS":"*"}, a wildcard ARN, or NotPrincipal) and that grants a "bad action" is
/// public unless a condition pins it to fixed callers; a Deny to everyone that refuses those actions unless the caller is fixed
/// narrows it the same way (IAM Access Analyzer reads Deny statements too). Conditions are ANDed, so the narrowest one decides.
/// </summary>
public static class PublicPolicyEvaluator
{
    public static PolicyVerdict Evaluate(IReadOnlyList<PolicyStatement> statements)
    {
        var denies = statements.Where(s => !s.Allow && IsEveryone(s)).ToList();
        return new PolicyVerdict(statements.Select((s, i) => Judge(s, s.Label(i), denies)).ToList());
    }

    private static StatementVerdict Judge(PolicyStatement statement, string label, IReadOnlyList<PolicyStatement> denies)
    {
        if (!statement.Allow) return new(statement, label, PolicyReach.NotPublic, S3Access.None, "a Deny statement grants nothing");
        var access = statement.NotActions.Count > 0 ? S3Actions.GrantedExcept(statement.NotActions) : S3Actions.Granted(statement.Actions);
        if (!IsEveryone(statement))
            return new(statement, label, PolicyReach.NotPublic, access, $"granted only to named principals ({string.Join(", ", statement.Principals)})");
        if (access == S3Access.None)
            return new(statement, label, PolicyReach.NotPublic, access,
                "granted to everyone, but only actions AWS does not count as exposing data (none of s3:Get*, List*, Put*, Delete*)");

        var who = statement.UsesNotPrincipal ? "everyone outside NotPrincipal" : "\"*\"";
        var judged = statement.Conditions.Select(ConditionJudge.OnAllow).ToList();
        var narrowest = judged.OrderBy(j => j.Reach).FirstOrDefault();
        if (narrowest is { Reach: < PolicyReach.Public })
            return new(statement, label, narrowest.Reach, access, $"granted to {who}, but {narrowest.Reason}");
        if (denies.Select(d => Neutralising(d, statement, access)).OfType<ConditionJudgement>().OrderBy(j => j.Reach).FirstOrDefault() is
            { Reach: < PolicyReach.Public } denied)
            return new(statement, label, denied.Reach, access, $"granted to {who}, but {denied.Reason}");
        var why = judged.Count == 0 ? "with no condition" : "and no condition restricts it: " + string.Join("; ", judged.Select(j => j.Reason));
        return new(statement, label, PolicyReach.Public, access, $"granted to {who} {why}");
    }

    /// <summary>How far a Deny to everyone narrows an Allow: it must cover every action the Allow grants on every resource it names.</summary>
    private static ConditionJudgement? Neutralising(PolicyStatement deny, PolicyStatement allow, S3Access access)
    {
        if (!S3Actions.Covers(deny.Actions, deny.NotActions, access) || !CoversResources(deny, allow)) return null;
        var label = deny.Sid ?? "a Deny statement";
        if (deny.Conditions.Count == 0) return new(PolicyReach.NotPublic, $"{label} refuses those actions to everyone");
        var judged = deny.Conditions.Select(ConditionJudge.OnDeny).ToList();
        var widest = judged.MaxBy(j => j.Reach)!;
        return widest.Reach == PolicyReach.Public ? null : new(widest.Reach, $"{label} refuses every other caller: {widest.Reason}");
    }

    private static bool CoversResources(PolicyStatement deny, PolicyStatement allow) =>
        deny.NotResources.Count == 0
        && (allow.Resources.Count == 0 ? deny.Resources.Any(r => r == "*")
            : allow.Resources.All(resource => deny.Resources.Any(pattern => IamPattern.Matches(pattern, resource, ignoreCase: false))));

    /// <summary>"*", {"AWS":"*"}, a wildcard in any principal, or NotPrincipal (everyone but the few named).</summary>
    private static bool IsEveryone(PolicyStatement statement) =>
        statement.UsesNotPrincipal || statement.Principals.Any(p => p.Contains('*', StringComparison.Ordinal));
}
