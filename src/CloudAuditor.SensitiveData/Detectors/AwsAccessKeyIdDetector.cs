using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>AWS access key ids: AKIA (long-term) or ASIA (temporary) and sixteen base32 characters. Other prefixes (AIDA, AROA...) name users and roles, not
/// keys.</summary>
public sealed partial class AwsAccessKeyIdDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.AwsAccessKeyId;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["AKIA", "ASIA"];

    protected override int MaxLength => 20;

    protected override Regex Candidates => Pattern();

    /// <summary>AWS documentation's example ids end in EXAMPLE; they are in every tutorial and grant nothing.</summary>
    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        !value.EndsWith("EXAMPLE", StringComparison.Ordinal);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 4);

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
