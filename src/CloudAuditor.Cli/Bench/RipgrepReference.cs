namespace CloudAuditor.Cli.Bench;

/// <summary>
/// The patterns a ripgrep user would write to look for the same things: one per entity, ordinary regex, no
/// validation (no checksums, no context), no Unicode word boundaries (which send ripgrep to a slower engine on
/// non-ASCII text and would make it look slower than it is).
/// </summary>
internal static class RipgrepReference
{
    public static readonly string[] Patterns =
    [
        @"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}",
        @"\(?[0-9]{3}\)?[ .-]?[0-9]{3}[ .-][0-9]{4}",
        @"[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{4}[ -]?[0-9]{3,4}",
        @"[0-9]{3}-[0-9]{2}-[0-9]{4}",
        @"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}",
        @"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}",
        @"(AKIA|ASIA)[A-Z0-9]{16}",
        @"aws.{0,20}secret.{0,20}[A-Za-z0-9/+=]{40}",
        @"AccountKey=[A-Za-z0-9+/=]{88}",
        @"-----BEGIN [A-Z ]*PRIVATE KEY-----",
        @"eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+",
        @"gh[pousr]_[A-Za-z0-9]{36}",
        @"xox[bpas]-[A-Za-z0-9-]+",
    ];

    /// <summary>ripgrep counting matching lines per file, one thread or its default, over the same files.</summary>
    public static string[] Command(string patternsFile, string path, bool oneThread) =>
        ["rg", "--no-config", .. oneThread ? ["-j1"] : Array.Empty<string>(), "--count", "-f", patternsFile, path];
}
