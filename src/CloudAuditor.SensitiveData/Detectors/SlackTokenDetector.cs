using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Slack tokens: bot, user, app, refresh and configuration tokens in their documented shapes (numeric team/user ids, then the secret).</summary>
public sealed partial class SlackTokenDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.SlackToken;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["xox", "xapp-"];

    protected override int MaxLength => 512;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 5);

    [GeneratedRegex(@"(?<![\w-])(?:xox[abposr]-\d{8,}-[0-9A-Za-z-]{10,}|xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,}|xapp-\d-[A-Z0-9]{8,}-\d{8,}-[a-f0-9]{32,})",
        RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
