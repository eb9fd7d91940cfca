using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>Stripe live secret and restricted keys (sk_live_, rk_live_): money moves with them. Test-mode keys are not secrets that matter.</summary>
public sealed partial class StripeSecretKeyDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.StripeSecretKey;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["sk_live_", "rk_live_"];

    protected override int MaxLength => 8 + 247;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) => true;

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 8);

    [GeneratedRegex(@"(?<![A-Za-z0-9_])[sr]k_live_[0-9A-Za-z]{24,247}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
