using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// AWS Signature Version 4 for the requests <see cref="S3Rest"/> sends without the SDK (settings reads, and S3 Control, for which
/// AWSSDK.S3Control is not available). Signs the Host header and every header already on the request; the caller sets x-amz-date (and
/// x-amz-content-sha256 where the service wants it). Checked against AWS's published examples in the tests.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public static string Hash(ReadOnlySpan<byte> payload) => Convert.ToHexStringLower(SHA256.HashData(payload));

    /// <summary>Adds the Authorization header.</summary>
    public static void Sign(HttpRequestMessage request, string payloadHash, string accessKeyId, string secretKey, string region, string service)
    {
        var amzDate = request.Headers.GetValues("x-amz-date").Single();
        var day = amzDate[..8];
        var uri = request.RequestUri!;
        var headers = request.Headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value)))
            .Concat(request.Content?.Headers.Select(h => (Name: h.Key.ToLowerInvariant(), Value: string.Join(",", h.Value))) ?? [])
            .Where(h => h.Name != "authorization" && h.Name != "host")
            .Append(("host", uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port.ToString(CultureInfo.InvariantCulture)}"))
            .OrderBy(h => h.Item1, StringComparer.Ordinal).ToList();
        var signedHeaders = string.Join(";", headers.Select(h => h.Item1));
        var canonical = string.Join("\n", request.Method.Method, CanonicalPath(uri), CanonicalQuery(uri),
            string.Concat(headers.Select(h => $"{h.Item1}:{Trim(h.Item2)}\n")), signedHeaders, payloadHash);
        var scope = $"{day}/{region}/{service}/aws4_request";
        var toSign = $"{Algorithm}\n{amzDate}\n{scope}\n{Hash(Encoding.UTF8.GetBytes(canonical))}";
        var key = Hmac(Hmac(Hmac(Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), day), region), service), "aws4_request");
        var signature = Convert.ToHexStringLower(Hmac(key, toSign));
        request.Headers.TryAddWithoutValidation("Authorization",
            $"{Algorithm} Credential={accessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>S3's rule: each path segment URI-encoded once (S3 and S3 Control do not double-encode).</summary>
    private static string CanonicalPath(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.Length == 0 ? "/" : string.Join("/", path.Split('/').Select(s => Encode(Uri.UnescapeDataString(s))));
    }

    private static string CanonicalQuery(Uri uri) =>
        string.Join("&", uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    /// <summary>RFC 3986 unreserved characters stay; everything else is %XX of its UTF-8 bytes.</summary>
    private static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    private static string Trim(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim();

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
