using System.Buffers;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Azure storage account keys: 88 base64 characters that decode to 64 bytes, next to a key context
/// (AccountKey= in a connection string, "accountKey"/"key1" in JSON, az CLI "keyName" output).
/// SHA-512 integrity hashes have the same shape, so "sha512-" never counts.
/// </summary>
public sealed partial class AzureStorageAccountKeyDetector : AnchoredRegexDetector
{
    private const int KeyLength = 88;
    private static readonly string[] ContextWords = ["accountkey", "account_key", "storagekey", "storage_key", "keyname", "key1", "key2",
        "storage account key"];
    private static readonly SearchValues<char> Base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    private static readonly string[] KeyWord = ["key"];

    public override string EntityType => EntityTypes.AzureStorageAccountKey;

    /// <summary>A 64-byte key always ends in "==": look back from it rather than test every base64 run.</summary>
    public override IReadOnlyList<Anchor> Anchors { get; } = ["=="];

    protected override int MaxLength => KeyLength;

    protected override Regex Candidates => Pattern();

    public override int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var start = index - (KeyLength - 2);
        var end = index + 2;
        if (start < 0 || text.Slice(start, KeyLength - 2).IndexOfAnyExcept(Base64Chars) >= 0) return end;
        if (start > 0 && Base64Chars.Contains(text[start - 1])) return end;
        if (end < text.Length && (Base64Chars.Contains(text[end]) || text[end] == '=')) return end;
        Report(text, start, KeyLength, field, tally);
        return end;
    }

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        if (before.EndsWith("sha512-", StringComparison.OrdinalIgnoreCase)) return false;
        Span<byte> bytes = stackalloc byte[66];
        return Convert.TryFromBase64Chars(value, bytes, out var written) && written == 64
            && (field.NameContains(ContextWords) || field.NameContains(KeyWord) || HasContextBefore(before, 100, ContextWords));
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => "[redacted 88-character account key]";

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
