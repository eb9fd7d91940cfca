using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Retention;

/// <summary>
/// Which part of a bucket or container the lifecycle rules actually delete from. A rule scoped by prefix covers only keys under
/// that prefix; a rule that also needs tags, a size window, or only some blob types covers an unknown subset, so it guarantees
/// nothing for the scope. The scope is every key, or the prefixes the data class declares. S3 and Azure rules share this.
/// </summary>
public static class LifecycleCoverage
{
    /// <summary>Current objects.</summary>
    public static ExpiryCoverage CurrentVersions(LifecycleRules rules, IReadOnlyList<string> scope) =>
        Cover(rules, scope, r => r.ExpirationDays, "expires current objects");

    /// <summary>Noncurrent versions (counted from when they became noncurrent), which versioning would otherwise keep forever.</summary>
    public static ExpiryCoverage NoncurrentVersions(LifecycleRules rules, IReadOnlyList<string> scope) =>
        Cover(rules, scope, r => r.NoncurrentExpirationDays, "expires noncurrent versions");

    private static ExpiryCoverage Cover(LifecycleRules rules, IReadOnlyList<string> scope, Func<LifecycleRule, int?> days, string action)
    {
        var expiring = rules.Rules.Where(r => days(r) is > 0).ToList();
        var prefixes = scope.Count == 0 ? [""] : scope;
        var covering = prefixes.Select(p => (Prefix: p, Rule: expiring.Where(r => Unconditional(r.Scope) && Covers(r.Scope, p)).MinBy(days))).ToList();
        var uncovered = covering.Where(c => c.Rule is null).Select(c => c.Prefix).ToList();
        var where = scope.Count == 0 ? "every key" : "the data class's prefixes " + string.Join(", ", scope);
        if (uncovered.Count > 0)
        {
            var partial = expiring.Count == 0 ? $"no rule {action}"
                : "only " + string.Join("; ", expiring.Select(r => $"rule '{r.Id}' ({days(r)} days, {Describe(r.Scope)})"));
            var gap = scope.Count == 0 ? "keys outside those scopes are never deleted" : $"nothing deletes under {string.Join(", ", uncovered.Select(Shown))}";
            return new ExpiryCoverage(null, expiring.Count == 0 ? partial : $"{partial}: {gap}");
        }
        var longest = covering.MaxBy(c => days(c.Rule!));
        var deciding = covering.Select(c => c.Rule!).Distinct().Select(r => $"'{r.Id}' ({days(r)} days, {Describe(r.Scope)})");
        return new ExpiryCoverage(days(longest.Rule!), $"{string.Join(", ", deciding)} {(covering.Count == 1 ? "covers" : "cover")} {where}");
    }

    /// <summary>A filter that depends on something other than the key (tags, size, blob type) covers only an unknown part.</summary>
    private static bool Unconditional(LifecycleScope scope) =>
        scope.Tags.Count == 0 && scope.MinSizeBytes is null && scope.MaxSizeBytes is null
        && (scope.BlobTypes.Count == 0 || scope.BlobTypes.Contains("blockBlob", StringComparer.OrdinalIgnoreCase));

    private static bool Covers(LifecycleScope scope, string prefix) =>
        scope.Prefixes.Count == 0 || scope.Prefixes.Any(p => prefix.StartsWith(p, StringComparison.Ordinal));

    private static string Describe(LifecycleScope scope)
    {
        var parts = new List<string> { scope.Prefixes.Count == 0 ? "every key" : "prefix " + string.Join(" or ", scope.Prefixes.Select(Shown)) };
        if (scope.Tags.Count > 0) parts.Add("only objects tagged " + string.Join(", ", scope.Tags.Select(t => $"{t.Key}={t.Value}")));
        if (scope.MinSizeBytes is { } min) parts.Add($"only objects over {min} bytes");
        if (scope.MaxSizeBytes is { } max) parts.Add($"only objects under {max} bytes");
        if (scope.BlobTypes.Count > 0 && !scope.BlobTypes.Contains("blockBlob", StringComparer.OrdinalIgnoreCase))
            parts.Add("only " + string.Join(", ", scope.BlobTypes));
        return string.Join(", ", parts);
    }

    private static string Shown(string prefix) => prefix.Length == 0 ? "every key" : prefix;
}
