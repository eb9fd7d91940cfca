using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detection;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>PEM private keys, one per BEGIN block that is followed by key material (not a bare header in documentation).</summary>
public sealed partial class PrivateKeyDetector : IDetector
{
    public string EntityType => EntityTypes.PrivateKey;

    public void Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        if (!text.Contains("PRIVATE KEY", StringComparison.Ordinal)) return;
        foreach (var match in Header().EnumerateMatches(text))
        {
            var header = text.Slice(match.Index, match.Length);
            var after = text[(match.Index + match.Length)..];
            if (HasKeyMaterial(after[..Math.Min(after.Length, 400)])) tally.Add(EntityType, $"{header.TrimEnd('-')}-----…[redacted]");
        }
    }

    /// <summary>At least 64 base64 characters before the next dash (skipping "Proc-Type:" style header lines).</summary>
    private static bool HasKeyMaterial(ReadOnlySpan<char> body)
    {
        var run = 0;
        foreach (var c in body)
        {
            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=') { if (++run >= 64) return true; }
            else if (c is '\n' or '\r' or ' ' or '\\') { }
            else if (c == '-') return false;
            else run = 0;
        }
        return false;
    }

    [GeneratedRegex(@"-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-----", RegexOptions.CultureInvariant)]
    private static partial Regex Header();
}
