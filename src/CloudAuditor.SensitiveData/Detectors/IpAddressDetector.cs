using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using CloudAuditor.SensitiveData.Detectors;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>
/// IPv4: four octets 0-255 without leading zeros, not part of a longer dotted run (a version "1.2.3.4.5"), not after
/// "v"/"version", not 0.x or 255.x (masks and "any").
/// </summary>
public sealed partial class Ipv4Detector : NumericDetector
{
    private static readonly string[] VersionWords = ["version", "ver ", "release", "build"];

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
        return value[parts[0]] is not "0" and not "255" && !field.NameContains("version") && !HasContextBefore(before, 12, VersionWords);
    }

    protected override string MaskValue(ReadOnlySpan<char> value) => $"{value[..value.IndexOf('.')]}.*.*.*";

    [GeneratedRegex(@"(?<![\w.:])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\w]|\.\d)", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

/// <summary>IPv6 in full or compressed form (and IPv4-mapped), found from each ':' and validated by the platform parser.</summary>
public sealed class Ipv6Detector : IAnchoredDetector
{

    private static readonly SearchValues<char> AddressChars = SearchValues.Create("0123456789abcdefABCDEF:.");

    public string EntityType => EntityTypes.IpAddress;

    public IReadOnlyList<Anchor> Anchors { get; } = [":"];

    public bool TryDetectWithoutAnchors(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally) => false;

    public int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var colon = index;
        // Most colons are "key": value or 12:30:45; reject those before walking anything.
        if ((colon == 0 || !AddressChars.Contains(text[colon - 1])) && (colon + 1 >= text.Length || !AddressChars.Contains(text[colon + 1]))) return colon + 1;
        var start = colon;
        while (start > 0 && colon - start < 40 && AddressChars.Contains(text[start - 1])) start--;
        var end = colon + 1;
        while (end < text.Length && end - start < 46 && AddressChars.Contains(text[end])) end++;
        var candidate = text[start..end].TrimEnd('.');
        if (IsWordChar(text, start - 1) || IsWordChar(text, start + candidate.Length) || candidate.Count(':') < 2 || candidate.IndexOfAnyExcept(':') < 0) return end;
        if (IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            tally.Add(EntityType, candidate, static address => $"{address[..Math.Max(1, address.IndexOf(':'))]}:****");
        return end;
    }

    private static bool IsWordChar(ReadOnlySpan<char> text, int index) =>
        index >= 0 && index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] is '_' or ':');
}
