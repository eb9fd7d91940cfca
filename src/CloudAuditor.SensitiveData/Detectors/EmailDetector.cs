using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Email addresses, found from each '@' outwards (faster than a regex that could start at every letter). The domain needs a letters-only TLD that is not a
/// file extension ("icon@2x.png" is an asset).
/// </summary>
public sealed class EmailDetector : IAnchoredDetector
{
    private static readonly HashSet<string> FileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "css", "js", "mjs", "map", "json", "xml", "html", "txt", "pdf", "zip",
    };

    public string EntityType => EntityTypes.Email;

    public IReadOnlyList<Anchor> Anchors { get; } = ["@"];

    // The local part reaches 64 characters back, the domain up to 254 forward.
    public int Reach => 256;

    public bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => to;

    public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var at = index;
        var start = at;
        while (start > 0 && at - start < 64 && IsLocal(text[start - 1])) start--;
        var end = at + 1;
        while (end < text.Length && end - at < 254 && IsDomain(text[end])) end++;
        while (end > at + 1 && text[end - 1] is '.' or '-') end--;
        if (start == at || end == at + 1) return at + 1;
        var local = text[start..at];
        var domain = text[(at + 1)..end];
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal) || !IsDomainName(domain)) return at + 1;
        if (IsUrlUserInfo(text, start)) return at + 1;
        tally.Add(EntityType, text[start..end], static email => $"{email[0]}***{email[email.IndexOf('@')..]}");
        return end;
    }

    /// <summary>
    /// "scheme://user@host" or "scheme://user:secret@host": the part before '@' is a URL's user info (a login, or a token in
    /// a CI clone URL), not a mailbox. The secret in it is reported by its own detector and by URL_CREDENTIALS.
    /// </summary>
    private static bool IsUrlUserInfo(ReadOnlySpan<char> text, int localStart)
    {
        var i = localStart;
        if (i >= 1 && text[i - 1] == ':')
        {
            i--;
            while (i > 0 && localStart - i < 256 && UrlCredentialsDetector.UserChars.Contains(text[i - 1])) i--;
        }
        return i >= 3 && text[i - 1] == '/' && text[i - 2] == '/' && text[i - 3] == ':';
    }

    private static bool IsDomainName(ReadOnlySpan<char> domain)
    {
        var lastDot = domain.LastIndexOf('.');
        if (lastDot <= 0 || domain.Contains("..", StringComparison.Ordinal) || domain[0] is '-' or '.') return false;
        var tld = domain[(lastDot + 1)..];
        if (tld.Length is < 2 or > 24) return false;
        foreach (var c in tld) if (!char.IsAsciiLetter(c)) return false;
        return !FileExtensions.Contains(tld.ToString());
    }

    private static bool IsLocal(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDomain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-';
}
