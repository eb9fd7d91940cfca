using System.Numerics;
using System.Runtime.InteropServices;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Finds the anchors of every anchored detector in one vectorised pass over the text. Each vector of characters is
/// narrowed to bytes and compared against the first one to three characters of every anchor at once; only the
/// positions that match a prefix are checked in full and handed to their detector. One pass per anchor (a
/// vectorised IndexOf each) cost a full read of the text per anchor, and a multi-string search stopped on every
/// single-character anchor; this reads the text once whatever the number of anchors.
/// </summary>
public sealed class AnchorScanner
{
    private const int MaxPrefix = 3;

    private readonly IAnchoredDetector[] _detectors;
    private readonly Probe[] _probes;

    /// <summary>Anchors by their first character (both cases for case-insensitive anchors), to confirm a candidate.</summary>
    private readonly AnchorEntry[][] _byFirstChar = new AnchorEntry[128][];

    public AnchorScanner(IReadOnlyList<IAnchoredDetector> detectors)
    {
        _detectors = [.. detectors];
        Array.Fill(_byFirstChar, []);
        var probes = new HashSet<(string Prefix, bool Fold)>();
        for (var d = 0; d < _detectors.Length; d++)
        {
            var detector = _detectors[d];
            foreach (var anchor in detector.Anchors)
            {
                var text = anchor.Text;
                if (string.IsNullOrEmpty(text) || !System.Text.Ascii.IsValid(text)) throw new ArgumentException($"{detector.GetType().Name}: anchors must be non-empty ASCII.");
                var prefix = text[..Math.Min(MaxPrefix, text.Length)];
                probes.Add(anchor.IgnoreCase ? (Fold(prefix), true) : (prefix, false));
                var entry = new AnchorEntry(text, anchor.Comparison, d);
                foreach (var first in anchor.IgnoreCase ? new[] { char.ToLowerInvariant(text[0]), char.ToUpperInvariant(text[0]) }.Distinct() : [text[0]])
                    _byFirstChar[first] = [.. _byFirstChar[first], entry];
            }
        }
        _probes = probes.Select(p => new Probe(p.Prefix, p.Fold)).ToArray();
    }

    /// <summary>Runs every detector at each of its anchors, in text order.</summary>
    public void Scan(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        if (_detectors.Length == 0) return;
        // Per detector, the first index it still wants an anchor at: past what it last reported, so it never counts a value twice.
        Span<int> resumeAt = _detectors.Length <= 32 ? stackalloc int[_detectors.Length] : new int[_detectors.Length];
        for (var d = 0; d < _detectors.Length; d++)
        {
            if (_detectors[d].TryDetectWithoutAnchors(text, field, tally)) resumeAt[d] = int.MaxValue;
        }
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var width = Vector<byte>.Count;
        var position = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; position + width + MaxPrefix - 1 <= chars.Length; position += width)
            {
                var candidates = CandidateMask(chars, position);
                while (candidates != 0)
                {
                    Confirm(text, position + BitOperations.TrailingZeroCount(candidates), field, tally, resumeAt);
                    candidates &= candidates - 1;
                }
            }
        }
        for (; position < text.Length; position++) Confirm(text, position, field, tally, resumeAt);
    }

    /// <summary>One bit per character from <paramref name="position"/> that starts some anchor's prefix.</summary>
    private ulong CandidateMask(ReadOnlySpan<ushort> chars, int position)
    {
        // Narrowing keeps each character's low byte: a non-ASCII character can pass for an anchor character here, never the reverse; Confirm decides.
        Vector<byte> v0 = CharVectors.NarrowAt(chars, position), v1 = CharVectors.NarrowAt(chars, position + 1), v2 = CharVectors.NarrowAt(chars, position + 2);
        var caseBit = new Vector<byte>(0x20);
        Vector<byte> f0 = v0 | caseBit, f1 = v1 | caseBit, f2 = v2 | caseBit;
        var hits = Vector<byte>.Zero;
        foreach (ref readonly var probe in _probes.AsSpan())
        {
            var match = Vector.Equals(probe.Fold ? f0 : v0, probe.C0);
            if (probe.Length > 1) match &= Vector.Equals(probe.Fold ? f1 : v1, probe.C1);
            if (probe.Length > 2) match &= Vector.Equals(probe.Fold ? f2 : v2, probe.C2);
            hits |= match;
        }
        return CharVectors.MostSignificantBits(hits);
    }

    private void Confirm(ReadOnlySpan<char> text, int position, FieldContext field, DetectionTally tally, Span<int> resumeAt)
    {
        var first = text[position];
        if (first >= _byFirstChar.Length) return;
        foreach (var entry in _byFirstChar[first])
        {
            if (position < resumeAt[entry.Detector]) continue;
            if (!text[position..].StartsWith(entry.Anchor, entry.Comparison)) continue;
            resumeAt[entry.Detector] = Math.Max(position + 1, _detectors[entry.Detector].DetectAt(text, position, field, tally));
        }
    }

    private static string Fold(string prefix) => string.Concat(prefix.Select(c => (char)(c | 0x20)));

    private readonly record struct AnchorEntry(string Anchor, StringComparison Comparison, int Detector);

    /// <summary>An anchor's first characters as broadcast vectors; folded probes compare against the text with the ASCII case bit set.</summary>
    private readonly struct Probe(string prefix, bool fold)
    {
        public Vector<byte> C0 { get; } = new((byte)prefix[0]);
        public Vector<byte> C1 { get; } = new((byte)(prefix.Length > 1 ? prefix[1] : 0));
        public Vector<byte> C2 { get; } = new((byte)(prefix.Length > 2 ? prefix[2] : 0));
        public int Length { get; } = prefix.Length;
        public bool Fold { get; } = fold;
    }
}
