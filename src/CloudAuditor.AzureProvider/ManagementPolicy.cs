using CloudAuditor.Core.Model;

namespace CloudAuditor.AzureProvider;

/// <summary>An account's lifecycle management policy: rules whose prefixes are "container/prefix-inside-it" strings.</summary>
public sealed record ManagementPolicy(IReadOnlyList<LifecycleRule> Rules)
{
    /// <summary>
    /// The rules that reach into one container, with their prefixes made relative to it. Azure matches prefixMatch as a
    /// plain string prefix of "container/blob", so "logs" also covers all of "logs2"; a rule without prefixes covers every container.
    /// </summary>
    public LifecycleRules For(string container)
    {
        var inside = $"{container}/";
        var rules = new List<LifecycleRule>();
        foreach (var rule in Rules)
        {
            var prefixes = rule.Scope.Prefixes;
            if (prefixes.Count == 0 || prefixes.Any(p => inside.StartsWith(p, StringComparison.Ordinal)))
            {
                rules.Add(rule with { Scope = rule.Scope with { Prefixes = [] } });
                continue;
            }
            var relative = prefixes.Where(p => p.StartsWith(inside, StringComparison.Ordinal)).Select(p => p[inside.Length..]).ToList();
            if (relative.Count > 0) rules.Add(rule with { Scope = rule.Scope with { Prefixes = relative } });
        }
        return new LifecycleRules(rules);
    }
}
