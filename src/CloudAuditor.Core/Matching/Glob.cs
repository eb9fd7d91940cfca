using System.Text.RegularExpressions;

namespace CloudAuditor.Core.Matching;

/// <summary>'*' wildcards, case-insensitive, whole string: how exemption and owner rules name resources.</summary>
public static class Glob
{
    public static bool Matches(string pattern, string value) =>
        pattern.Length > 0 && Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
}
