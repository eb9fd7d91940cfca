namespace CloudAuditor.Core.Policy;

/// <summary>IAM's wildcard grammar for actions, resources and StringLike values: '*' any run, '?' one character.</summary>
public static class IamPattern
{
    public static bool HasWildcard(string value) => value.AsSpan().IndexOfAny('*', '?') >= 0;

    /// <summary>Policy variables such as ${aws:username} make a value depend on the caller, so it is not a fixed value.</summary>
    public static bool HasVariable(string value) => value.Contains("${", StringComparison.Ordinal);

    public static bool Matches(string pattern, string value, bool ignoreCase = true)
    {
        var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        int p = 0, v = 0, star = -1, resume = 0;
        while (v < value.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || string.Compare(pattern, p, value, v, 1, comparison) == 0))
            {
                p++;
                v++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = v;
            }
            else if (star >= 0)
            {
                p = star + 1;
                v = ++resume;
            }
            else return false;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }
}
