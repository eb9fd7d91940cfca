using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>PEM private keys, one per BEGIN block that is followed by key material (not a bare header in documentation).</summary>
public sealed partial class PrivateKeyDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.PrivateKey;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["-----BEGIN "];

    protected override int MaxLength => 64;

    /// <summary>The header, then up to 400 characters of what follows it to find key material.</summary>
    public override int Reach => MaxLength + KeyMaterialWindow;

    private const int KeyMaterialWindow = 400;

    protected override Regex Candidates => Header();

    /// <summary>The BEGIN line must be followed by key material, so a bare header in documentation does not count.</summary>
    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

    public override int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var end = Math.Min(text.Length, index + MaxLength + 1);
        foreach (var match in Header().EnumerateMatches(text[..end], index))
        {
            if (match.Index != index) break;
            var after = text[(match.Index + match.Length)..];
            if (HasKeyMaterial(after[..Math.Min(after.Length, KeyMaterialWindow)])) Report(text, match.Index, match.Length, field, tally);
            return match.Index + match.Length;
        }
        return index + 1;
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => $"{value.TrimEnd('-')}-----…[redacted]";

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
