namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Values that stand for a secret rather than being one: templates, variables, redactions.</summary>
internal static class Placeholders
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pass", "pwd", "secret", "token", "redacted", "hidden", "none", "null", "your_password", "yourpassword",
    };

    /// <summary>"${DB_PASSWORD}", "$PASS", "&lt;password&gt;", "{password}", "%s", "[redacted]", "****", "xxxx", or a bare placeholder word.</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> value) =>
        value.IsEmpty || value[0] is '$' or '<' or '{' or '%' or '[' or '(' || value.IndexOfAnyExcept('*') < 0
        || value.IndexOfAnyExcept("xX") < 0 || value.IndexOfAnyExcept('.') < 0 || Words.Contains(value.ToString());
}
