using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detection;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// IPv4 (four octets 0-255, no leading zeros, not part of a longer dotted run such as a version "1.2.3.4.5", not
/// after "v"/"version") and IPv6 in full or compressed form, validated by the platform parser.
/// </summary>
public sealed partial class IpAddressDetector : IDetector
{
    private static readonly string[] VersionWords = ["version", "ver ", "release", "build"];

    public string EntityType => EntityTypes.IpAddress;

    public void Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        foreach (var match in V4().EnumerateMatches(text))
        {
            var value = text.Slice(match.Index, match.Length);
            if (IsV4(value) && !field.NameContains("version") && !FollowsVersionWord(text[..match.Index]))
                tally.Add(EntityType, $"{value[..value.IndexOf('.')]}.*.*.*");
        }
        if (text.IndexOf(':') < 0) return;
        foreach (var match in V6().EnumerateMatches(text))
        {
            var value = text.Slice(match.Index, match.Length);
            if (value.Count(':') >= 2 && value.IndexOfAnyExcept(':') >= 0
                && IPAddress.TryParse(value, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
                tally.Add(EntityType, $"{value[..Math.Max(1, value.IndexOf(':'))]}:****");
        }
    }

    private static bool IsV4(ReadOnlySpan<char> value)
    {
        Span<Range> parts = stackalloc Range[5];
        if (value.Split(parts, '.') != 4) return false;
        for (var i = 0; i < 4; i++)
        {
            var octet = value[parts[i]];
            if (octet.Length > 1 && octet[0] == '0') return false;
            if (!int.TryParse(octet, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > 255) return false;
        }
        var first = value[parts[0]];
        return first is not "0" and not "255";
    }

    private static bool FollowsVersionWord(ReadOnlySpan<char> before)
    {
        var tail = before[Math.Max(0, before.Length - 12)..];
        foreach (var word in VersionWords) if (tail.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    [GeneratedRegex(@"(?<![\w.:])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex V4();

    [GeneratedRegex(@"(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])", RegexOptions.CultureInvariant)]
    private static partial Regex V6();
}
