using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>GitHub tokens: classic prefixed tokens with a valid CRC32 checksum, and fine-grained github_pat_ tokens.</summary>
public sealed partial class GitHubTokenDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.GitHubToken;

    /// <summary>Every token prefix starts with "gh".</summary>
    public override IReadOnlyList<Anchor> Anchors { get; } = ["gh", "github_pat_"];

    protected override int MaxLength => 93;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        value.StartsWith("github_pat_", StringComparison.Ordinal) || Checksums.GitHubTokenChecksum(value[4..^6], value[^6..]);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, value.StartsWith("github_pat_", StringComparison.Ordinal) ? 11 : 4);

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
