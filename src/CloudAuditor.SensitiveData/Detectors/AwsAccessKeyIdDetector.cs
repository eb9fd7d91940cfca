using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detection;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>AWS access key ids: a documented four-letter kind prefix and sixteen base32 characters.</summary>
public sealed partial class AwsAccessKeyIdDetector : RegexDetector
{
    public override string EntityType => EntityTypes.AwsAccessKeyId;

    protected override Regex Candidates => Pattern();

    /// <summary>AWS documentation's example ids end in EXAMPLE; they are in every tutorial and grant nothing.</summary>
    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field) =>
        !value.EndsWith("EXAMPLE", StringComparison.Ordinal);

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 4);

    [GeneratedRegex(@"(?<![A-Z0-9])(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
