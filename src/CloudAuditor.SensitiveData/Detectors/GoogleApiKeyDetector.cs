using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Google Cloud API keys: "AIza" and 35 URL-safe characters, a fixed shape no other common value has.</summary>
public sealed partial class GoogleApiKeyDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.GoogleApiKey;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["AIza"];

    protected override int MaxLength => 39;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 4);

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
