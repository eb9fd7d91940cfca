using System.Security.Cryptography;
using System.Text;

namespace CloudAuditor.Core.Model;

/// <summary>Stable identity of "this problem on this resource", so stores can dedupe across runs.</summary>
public static class Fingerprint
{
    public static string Of(string checkId, string resourceId, params string?[] qualifiers)
    {
        var text = string.Join('\n', new[] { checkId, resourceId.ToLowerInvariant() }.Concat(qualifiers.Select(q => q ?? "")));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
