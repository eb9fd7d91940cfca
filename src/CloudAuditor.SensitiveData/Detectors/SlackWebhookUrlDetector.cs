using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Slack incoming-webhook URLs: anyone holding one can post into the channel as the app.</summary>
public sealed partial class SlackWebhookUrlDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.SlackWebhookUrl;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["https://hooks.slack.com/services/"];

    protected override int MaxLength => 33 + 64;

    protected override Regex Candidates => Pattern();

    /// <summary>Documentation writes webhooks as TXXXXXXXX/BXXXXXXXX/XXXX…: a secret of one repeated character is a placeholder.</summary>
    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => value[^24..].IndexOfAnyExcept(value[^1]) >= 0;

    /// <summary>The workspace id is not secret; the channel part and the secret are.</summary>
    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, "https://hooks.slack.com/services/".Length + 1);

    [GeneratedRegex(@"https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
