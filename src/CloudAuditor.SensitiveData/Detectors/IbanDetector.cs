using System.Collections.Frozen;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>IBANs: the country's registered length (ISO 13616 registry) and the mod-97 check.</summary>
public sealed partial class IbanDetector : NumericDetector
{
    private static readonly FrozenDictionary<string, int> Lengths = new Dictionary<string, int>
    {
        ["AD"] = 24,
        ["AE"] = 23,
        ["AL"] = 28,
        ["AT"] = 20,
        ["AZ"] = 28,
        ["BA"] = 20,
        ["BE"] = 16,
        ["BG"] = 22,
        ["BH"] = 22,
        ["BI"] = 27,
        ["BR"] = 29,
        ["BY"] = 28,
        ["CH"] = 21,
        ["CR"] = 22,
        ["CY"] = 28,
        ["CZ"] = 24,
        ["DE"] = 22,
        ["DJ"] = 27,
        ["DK"] = 18,
        ["DO"] = 28,
        ["EE"] = 20,
        ["EG"] = 29,
        ["ES"] = 24,
        ["FI"] = 18,
        ["FK"] = 18,
        ["FO"] = 18,
        ["FR"] = 27,
        ["GB"] = 22,
        ["GE"] = 22,
        ["GI"] = 23,
        ["GL"] = 18,
        ["GR"] = 27,
        ["GT"] = 28,
        ["HR"] = 21,
        ["HU"] = 28,
        ["IE"] = 22,
        ["IL"] = 23,
        ["IQ"] = 23,
        ["IS"] = 26,
        ["IT"] = 27,
        ["JO"] = 30,
        ["KW"] = 30,
        ["KZ"] = 20,
        ["LB"] = 28,
        ["LC"] = 32,
        ["LI"] = 21,
        ["LT"] = 20,
        ["LU"] = 20,
        ["LV"] = 21,
        ["LY"] = 25,
        ["MC"] = 27,
        ["MD"] = 24,
        ["ME"] = 22,
        ["MK"] = 19,
        ["MN"] = 20,
        ["MR"] = 27,
        ["MT"] = 31,
        ["MU"] = 30,
        ["NI"] = 28,
        ["NL"] = 18,
        ["NO"] = 15,
        ["OM"] = 23,
        ["PK"] = 24,
        ["PL"] = 28,
        ["PS"] = 29,
        ["PT"] = 25,
        ["QA"] = 29,
        ["RO"] = 24,
        ["RS"] = 22,
        ["RU"] = 33,
        ["SA"] = 24,
        ["SC"] = 31,
        ["SD"] = 18,
        ["SE"] = 24,
        ["SI"] = 19,
        ["SK"] = 24,
        ["SM"] = 27,
        ["SO"] = 23,
        ["ST"] = 25,
        ["SV"] = 28,
        ["TL"] = 23,
        ["TN"] = 24,
        ["TR"] = 26,
        ["UA"] = 29,
        ["VA"] = 22,
        ["VG"] = 24,
        ["XK"] = 20,
        ["YE"] = 30,
    }.ToFrozenDictionary();

    public override string EntityType => EntityTypes.Iban;

    /// <summary>The check digits follow the two-letter country code; the BBAN may continue into letters and spaces.</summary>
    public override bool Wants(in NumericToken token) => token.CountryCodeBefore;

    protected override int Lead => 2;

    protected override int Reach(in NumericToken token) => 44;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        if (!Lengths.TryGetValue(new string(value[..2]), out var length)) return false;
        Span<char> compact = stackalloc char[34];
        var n = 0;
        foreach (var c in value)
        {
            if (c == ' ') continue;
            if (n == length) break;
            compact[n++] = c;
        }
        return n == length && !EndsMidGroup(value, length) && Checksums.IbanMod97(compact[..n]);
    }

    protected override string MaskValue(ReadOnlySpan<char> value)
    {
        var masked = Mask.KeepLastDigits(value, 4).ToCharArray();
        for (var i = 4; i < masked.Length - 4; i++) if (masked[i] != ' ') masked[i] = '*';
        return new string(masked).TrimEnd();
    }

    /// <summary>The candidate is greedy; the IBAN must end where the text's own characters end, not inside a longer code.</summary>
    private static bool EndsMidGroup(ReadOnlySpan<char> value, int length)
    {
        var seen = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == ' ') continue;
            if (++seen == length) return i + 1 < value.Length && value[i + 1] != ' ';
        }
        return false;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
