using System.Globalization;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// Azure shared access signatures, in SAS URLs and connection strings: a "sig=" whose value decodes to an HMAC-SHA256
/// (32 bytes) in a query that also names a service version ("sv=2022-11-02"). The mask keeps what an owner needs to act
/// (permissions and expiry, which are not secret) and drops the signature.
/// </summary>
public sealed class AzureSasTokenDetector : IAnchoredDetector
{
    private const int MaxQuery = 1024;
    private const int MaxSignature = 128;

    public string EntityType => EntityTypes.AzureSasToken;

    public IReadOnlyList<Anchor> Anchors { get; } = ["sig="];

    public int Reach => MaxSignature + 4;

    public bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => to;

    public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        if (index > 0 && text[index - 1] is not '&' and not '?' and not ';') return index + 4;
        var start = index + 4;
        var end = start;
        while (end < text.Length && end - start < MaxSignature && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '%' or '+' or '/' or '=')) end++;
        var queryStart = index;
        while (queryStart > 0 && index - queryStart < MaxQuery && !char.IsWhiteSpace(text[queryStart - 1])
            && text[queryStart - 1] is not '"' and not '\'' and not '<' and not '>' and not '?') queryStart--;
        // In a storage connection string the SAS is the value of SharedAccessSignature=, after the endpoints.
        var connectionSas = text[queryStart..index].LastIndexOf("SharedAccessSignature=", StringComparison.OrdinalIgnoreCase);
        if (connectionSas >= 0) queryStart += connectionSas + "SharedAccessSignature=".Length;
        var query = text[queryStart..end];
        if (!IsHmac(text[start..end]) || Parameter(query, "sv") is not { Length: 10 } version || !DateOnly.TryParseExact(version, "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return end;
        tally.Add(EntityType, query, static q => Masked(q));
        return end;
    }

    /// <summary>"SAS sp=rl se=2027-01-01T00:00:00Z sig=[redacted]".</summary>
    private static string Masked(ReadOnlySpan<char> query)
    {
        var expiry = Parameter(query, "se") is { } se ? Uri.UnescapeDataString(se) : "none";
        var permissions = Parameter(query, "sp") ?? "?";
        return $"SAS sp={permissions} se={expiry} sig=[redacted]";
    }

    private static bool IsHmac(ReadOnlySpan<char> signature)
    {
        var decoded = Uri.UnescapeDataString(signature.ToString());
        Span<byte> bytes = stackalloc byte[48];
        return Convert.TryFromBase64String(decoded, bytes, out var written) && written == 32;
    }

    /// <summary>The value of one query parameter ("&amp;se=…"), or null.</summary>
    private static string? Parameter(ReadOnlySpan<char> query, string name)
    {
        foreach (var range in query.SplitAny('&', ';', '?'))
        {
            var pair = query[range];
            if (pair.Length > name.Length && pair.StartsWith(name, StringComparison.Ordinal) && pair[name.Length] == '=')
                return pair[(name.Length + 1)..].ToString();
        }
        return null;
    }
}
