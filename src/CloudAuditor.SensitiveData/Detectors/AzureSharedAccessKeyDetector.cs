using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Service Bus, Event Hubs and Relay keys in their connection strings: "SharedAccessKey=" and 44 base64 characters that decode to
/// a 256-bit key, in a string that names the policy (SharedAccessKeyName=) or the namespace endpoint (Endpoint=sb://).
/// </summary>
public sealed partial class AzureSharedAccessKeyDetector : AnchoredRegexDetector
{
    private static readonly string[] ContextWords = ["sharedaccesskeyname=", "endpoint=sb://"];

    public override string EntityType => EntityTypes.AzureSharedAccessKey;

    public override IReadOnlyList<Anchor> Anchors { get; } = [new("SharedAccessKey=", IgnoreCase: true)];

    protected override int MaxLength => 16 + 44;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        Span<byte> key = stackalloc byte[33];
        return Convert.TryFromBase64Chars(value[16..], key, out var written) && written == 32 && HasContextBefore(before, 300, ContextWords);
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => "SharedAccessKey=[redacted]";

    [GeneratedRegex(@"(?i:SharedAccessKey=)[A-Za-z0-9+/]{43}=(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
