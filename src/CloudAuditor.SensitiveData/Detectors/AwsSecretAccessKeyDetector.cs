using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// AWS secret access keys: 40 base64 characters, which alone look like any hash, so they count only beside a
/// naming context (aws_secret_access_key=, "SecretAccessKey":, a column called secret) in any assignment syntax (dotenv,
/// shell export, YAML, JSON, INI, PowerShell $env:, Terraform) and must mix cases; a digit is required only when the
/// context is not right before the value, since one random key in five thousand has none.
/// </summary>
public sealed partial class AwsSecretAccessKeyDetector : AnchoredRegexDetector
{
    private static readonly string[] ContextWords = ["aws_secret", "secret_access_key", "secretaccesskey", "aws secret", "secret key", "secret_key"];

    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdefABCDEF");

    public override string EntityType => EntityTypes.AwsSecretAccessKey;

    protected override Regex Candidates => Pattern();

    public override IReadOnlyList<Anchor> Anchors { get; } = [new("secret", IgnoreCase: true)];

    protected override int MaxLength => 48 + 40;

    private static readonly string[] SecretWord = ["secret"];

    public override bool DetectsWithoutAnchors(FieldContext field) => field.NameContains(SecretWord);

    /// <summary>The value follows its keyword within a few characters ("aws_secret_access_key = ", "\"SecretAccessKey\": \"").</summary>
    public override int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var end = Math.Min(text.Length, index + MaxLength + 1);
        foreach (var match in Candidates.EnumerateMatches(text[..end], index))
        {
            Report(text, match.Index, match.Length, field, tally);
            return match.Index + match.Length;
        }
        return index + 1;
    }

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        if (value.IndexOfAnyInRange('A', 'Z') < 0 || value.IndexOfAnyInRange('a', 'z') < 0 || value.IndexOfAnyExcept(HexDigits) < 0) return false;
        var named = field.NameContains(ContextWords) || field.NameContains(SecretWord);
        var adjacent = named || HasContextBefore(before, AdjacentContext, ContextWords);
        return adjacent || value.IndexOfAnyInRange('0', '9') >= 0 && HasContextBefore(before, 48, ContextWords);
    }

    /// <summary>Room for the key's own name ending and the assignment between it and the value: "_KEY\" = \"" or "_key: '".</summary>
    private const int AdjacentContext = 24;

    protected override string MaskValue(ReadOnlySpan<char> value) => "[redacted 40-character secret]";

    // '=' only ends base64 (padding), so a value right after one is an assignment (KEY=value), never the inside of a longer blob.
    [GeneratedRegex(@"(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
