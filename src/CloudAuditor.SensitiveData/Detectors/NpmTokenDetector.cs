using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>npm access tokens ("npm_" and 36 characters), which carry the same base62 CRC32 checksum as GitHub's tokens.</summary>
public sealed partial class NpmTokenDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.NpmToken;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["npm_"];

    protected override int MaxLength => 40;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        Checksums.GitHubTokenChecksum(value[4..^6], value[^6..]);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 4);

    [GeneratedRegex(@"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
