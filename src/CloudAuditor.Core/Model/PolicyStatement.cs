namespace CloudAuditor.Core.Model;

public sealed record PolicyStatement(
    string? Sid,
    bool Allow,
    IReadOnlyList<string> Principals,
    bool UsesNotPrincipal,
    IReadOnlyList<string> Actions,
    IReadOnlyList<PolicyCondition> Conditions)
{
    /// <summary>Condition keys that pin a request to a known network or identity, so "*" stops meaning "anyone".</summary>
    private static readonly HashSet<string> RestrictingKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:SourceIp", "aws:SourceVpc", "aws:SourceVpce", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths",
        "aws:PrincipalAccount", "aws:SourceAccount", "aws:SourceArn", "aws:SourceOwner", "aws:SourceOrgID",
        "aws:SourceOrgPaths", "aws:PrincipalArn", "aws:userid", "aws:username", "aws:PrincipalServiceName",
    };

    private static readonly HashSet<string> OpenNetworks = new(StringComparer.Ordinal) { "0.0.0.0/0", "::/0", "*" };

    public bool HasWildcardPrincipal => Principals.Any(p => p == "*");

    /// <summary>
    /// Grants access to anyone: Allow with Principal "*" (or NotPrincipal) and no condition that restricts who
    /// or where. "IfExists" and wildcard-valued conditions do not restrict: an anonymous caller satisfies them.
    /// </summary>
    public bool IsPublic => Allow && (HasWildcardPrincipal || UsesNotPrincipal) && !Conditions.Any(Restricts);

    private static bool Restricts(PolicyCondition condition)
    {
        if (!RestrictingKeys.Contains(condition.Key)) return false;
        if (condition.Operator.EndsWith("IfExists", StringComparison.OrdinalIgnoreCase)) return false;
        if (condition.Operator.StartsWith("Null", StringComparison.OrdinalIgnoreCase)) return false;
        if (condition.Operator.StartsWith("StringNot", StringComparison.OrdinalIgnoreCase)
            || condition.Operator.StartsWith("ArnNot", StringComparison.OrdinalIgnoreCase)
            || condition.Operator.StartsWith("NotIpAddress", StringComparison.OrdinalIgnoreCase)) return false;
        return condition.Values.Count > 0 && condition.Values.All(v => !OpenNetworks.Contains(v) && !v.Equals("*", StringComparison.Ordinal));
    }
}
