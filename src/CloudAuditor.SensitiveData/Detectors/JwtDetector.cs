using System.Buffers.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>JSON Web Tokens whose header decodes (base64url) to a JSON object naming an "alg", and whose payload is JSON too.</summary>
public sealed partial class JwtDetector : AnchoredRegexDetector
{
    public override string EntityType => EntityTypes.Jwt;

    public override IReadOnlyList<Anchor> Anchors { get; } = ["eyJ"];

    protected override int MaxLength => 16384;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        var firstDot = value.IndexOf('.');
        var rest = value[(firstDot + 1)..];
        var secondDot = rest.IndexOf('.');
        return IsJsonObject(value[..firstDot], requireAlg: true) && IsJsonObject(rest[..secondDot], requireAlg: false);
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => Mask.Prefix(value, 10);

    private static bool IsJsonObject(ReadOnlySpan<char> base64Url, bool requireAlg)
    {
        if (base64Url.Length > 8192) return false;
        Span<byte> ascii = stackalloc byte[base64Url.Length];
        for (var i = 0; i < base64Url.Length; i++) ascii[i] = (byte)base64Url[i];
        var decoded = new byte[Base64Url.GetMaxDecodedLength(base64Url.Length)];
        if (Base64Url.DecodeFromUtf8(ascii, decoded, out _, out var written) != System.Buffers.OperationStatus.Done) return false;
        try
        {
            using var doc = JsonDocument.Parse(decoded.AsMemory(0, written));
            return doc.RootElement.ValueKind == JsonValueKind.Object && (!requireAlg || doc.RootElement.TryGetProperty("alg", out _));
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"(?<![\w-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
