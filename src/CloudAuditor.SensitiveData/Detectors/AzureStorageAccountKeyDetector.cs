using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detection;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Azure storage account keys: 88 base64 characters that decode to 64 bytes, next to a key context
/// (AccountKey= in a connection string, "accountKey"/"key1" in JSON, az CLI "keyName" output).
/// SHA-512 integrity hashes have the same shape, so "sha512-" never counts.
/// </summary>
public sealed partial class AzureStorageAccountKeyDetector : RegexDetector
{
    private static readonly string[] ContextWords = ["accountkey", "account_key", "storagekey", "storage_key", "keyname", "key1", "key2", "storage account key"];

    public override string EntityType => EntityTypes.AzureStorageAccountKey;

    protected override Regex Candidates => Pattern();

    protected override bool MayContain(ReadOnlySpan<char> text, FieldContext field) => text.Contains("==", StringComparison.Ordinal);

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        if (before.EndsWith("sha512-", StringComparison.OrdinalIgnoreCase)) return false;
        Span<byte> bytes = stackalloc byte[66];
        return Convert.TryFromBase64Chars(value, bytes, out var written) && written == 64
            && (field.NameContains(ContextWords) || field.NameContains("key") || HasContextBefore(before, 100, ContextWords));
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => "[redacted 88-character account key]";

    [GeneratedRegex(@"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{86}==(?![A-Za-z0-9+/=])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
