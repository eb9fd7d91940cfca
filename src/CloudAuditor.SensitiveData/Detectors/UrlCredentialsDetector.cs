using System.Buffers;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// A password or token in a URL's user info: "postgres://app:s3cret@db:5432", "https://x-access-token:ghp_…@github.com".
/// Found from "://"; templates ("${PASSWORD}", "&lt;password&gt;", "****") are not credentials. The scheme, host and the
/// user's first letter stay visible in the mask so the owner knows which system's credential leaked.
/// </summary>
public sealed class UrlCredentialsDetector : IAnchoredDetector
{
    private const int MaxUser = 128;
    private const int MaxPassword = 256;

    public string EntityType => EntityTypes.UrlCredentials;

    public IReadOnlyList<Anchor> Anchors { get; } = ["://"];

    public int Reach => 3 + MaxUser + 1 + MaxPassword + 2;

    public bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => to;

    public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var schemeStart = index;
        while (schemeStart > 0 && index - schemeStart < 32 && IsScheme(text[schemeStart - 1])) schemeStart--;
        if (schemeStart == index || !char.IsAsciiLetter(text[schemeStart])) return index + 3;
        // Most URLs have no user info: one vectorised search to the first character a user name cannot hold (usually the '/' after
        // the host) settles them.
        var userStart = index + 3;
        var colon = End(text, userStart, MaxUser, UserChars);
        if (colon == userStart || colon >= text.Length || text[colon] != ':') return index + 3;
        var at = End(text, colon + 1, MaxPassword, PasswordChars);
        if (at == colon + 1 || at + 1 >= text.Length || text[at] != '@' || !char.IsAsciiLetterOrDigit(text[at + 1])) return index + 3;
        if (Placeholders.IsPlaceholder(text[(colon + 1)..at])) return at + 1;
        var hostEnd = at + 1;
        while (hostEnd < text.Length && (char.IsAsciiLetterOrDigit(text[hostEnd]) || text[hostEnd] is '.' or '-' or ':')) hostEnd++;
        tally.Add(EntityType, text[schemeStart..hostEnd], static url => Masked(url));
        return at + 1;
    }

    /// <summary>"postgres://a***:[redacted]@db.example.com:5432".</summary>
    private static string Masked(ReadOnlySpan<char> url)
    {
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var user = url[(scheme + 3)..];
        var at = url.LastIndexOf('@');
        return $"{url[..(scheme + 3)]}{user[0]}***:[redacted]{url[at..]}";
    }

    /// <summary>What a URL's user name may hold (RFC 3986 unreserved, percent and sub-delimiters); also how e-mail tells user info apart.</summary>
    internal static readonly SearchValues<char> UserChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~%!$&'*+,;=");

    /// <summary>Printable ASCII except what ends user info or a URL ('@', '/', '?', '#', quotes, angle brackets, backtick).</summary>
    private static readonly SearchValues<char> PasswordChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!$%&()*+,-.:;=[\\]^_{|}~");

    /// <summary>The first index from <paramref name="start"/> (at most <paramref name="max"/> on) that is not one of <paramref name="allowed"/>.</summary>
    private static int End(ReadOnlySpan<char> text, int start, int max, SearchValues<char> allowed)
    {
        var window = text[start..Math.Min(text.Length, start + max + 1)];
        var stop = window.IndexOfAnyExcept(allowed);
        return start + (stop < 0 ? window.Length : stop);
    }

    private static bool IsScheme(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.';
}
