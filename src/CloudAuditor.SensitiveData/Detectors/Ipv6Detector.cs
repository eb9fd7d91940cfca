using System.Buffers;
using System.Net;
using System.Net.Sockets;
using CloudAuditor.SensitiveData.Scanning;

namespace CloudAuditor.SensitiveData.Detectors;

/// <summary>IPv6 in full or compressed form (and IPv4-mapped), found from each ':' and validated by the platform parser.</summary>
public sealed class Ipv6Detector : IAnchoredDetector
{

    private static readonly SearchValues<char> AddressChars = SearchValues.Create("0123456789abcdefABCDEF:.");

    public string EntityType => EntityTypes.IpAddress;

    public IReadOnlyList<Anchor> Anchors { get; } = [":"];

    public int Reach => 48;

    public bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => to;

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
        if (IsWordChar(text, start - 1) || IsWordChar(text, start + candidate.Length) || candidate.Count(':') < 2
            || candidate.IndexOfAnyExcept(':') < 0) return end;
        if (IPAddress.TryParse(candidate, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
            tally.Add(EntityType, candidate, static address => $"{address[..Math.Max(1, address.IndexOf(':'))]}:****");
        return end;
    }

    private static bool IsWordChar(ReadOnlySpan<char> text, int index) =>
        index >= 0 && index < text.Length && (char.IsAsciiLetterOrDigit(text[index]) || text[index] is '_' or ':');
}
