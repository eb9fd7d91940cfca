using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// IPv4: four octets 0-255 without leading zeros, not part of a longer dotted run (a version "1.2.3.4.5"), not after
/// "v"/"version", not 0.x or 255.x (masks and "any").
/// </summary>
public sealed partial class Ipv4Detector : NumericDetector
{
    private static readonly string[] VersionWords = ["version", "ver ", "release", "build"];

    private static readonly string[] VersionWord = ["version"];

    public override string EntityType => EntityTypes.IpAddress;

    public override bool Wants(in NumericToken token) => token.Dots >= 3;

    protected override Regex Candidates => Pattern();

    protected override bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field)
    {
        Span<Range> parts = stackalloc Range[5];
        if (value.Split(parts, '.') != 4) return false;
        for (var i = 0; i < 4; i++)
        {
            var octet = value[parts[i]];
            if (octet.Length > 1 && octet[0] == '0') return false;
            if (!int.TryParse(octet, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > 255) return false;
        }
        return value[parts[0]] is not "0" and not "255" && !field.NameContains(VersionWord) && !HasContextBefore(before, 12, VersionWords);
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => $"{value[..value.IndexOf('.')]}.*.*.*";

    [GeneratedRegex(@"(?<![\w.:])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
