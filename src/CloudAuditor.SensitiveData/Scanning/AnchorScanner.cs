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
        if (_detectors.Length > 64) throw new ArgumentException("At most 64 anchored detectors: the scanner keeps one bit per detector.");
        Array.Fill(_byFirstChar, []);
        var probes = new HashSet<(string Prefix, bool Fold)>();
        for (var d = 0; d < _detectors.Length; d++)
        {
            var detector = _detectors[d];
            foreach (var anchor in detector.Anchors)
            {
                var text = anchor.Text;
                if (string.IsNullOrEmpty(text) || !System.Text.Ascii.IsValid(text)) throw new ArgumentException($"{detector.GetType().Name}: anchors must be " +
                    $"non-empty ASCII.");
                var prefix = text[..Math.Min(MaxPrefix, text.Length)];
                probes.Add(anchor.IgnoreCase ? (Fold(prefix), true) : (prefix, false));
                var entry = new AnchorEntry(text, anchor.Comparison, d);
                foreach (var first in anchor.IgnoreCase ? new[] { char.ToLowerInvariant(text[0]), char.ToUpperInvariant(text[0]) }.Distinct() : [text[0]])
                    _byFirstChar[first] = [.. _byFirstChar[first], entry];
            }
        }
        _probes = probes.Select(p => new Probe(p.Prefix, p.Fold)).ToArray();
    }

    public int DetectorCount => _detectors.Length;

    /// <summary>The furthest any detector reads past an anchor.</summary>
    public int Reach => _detectors.Length == 0 ? 0 : _detectors.Max(d => d.Reach);

    /// <summary>
    /// Runs every detector at each of its anchors that lies in [<paramref name="from"/>, <paramref name="to"/>), in
    /// text order; the text before and after the region is context. <paramref name="resumeAt"/> holds, per detector,
    /// the first index it still wants an anchor at (past what it last reported, so it never counts a value twice),
    /// and carries over from one window of a stream to the next.
    /// </summary>
    public void Scan(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally, Span<int> resumeAt)
    {
        if (_detectors.Length == 0 || from >= to) return;
        var anchorless = 0UL;
        for (var d = 0; d < _detectors.Length; d++)
        {
            if (!_detectors[d].DetectsWithoutAnchors(field)) continue;
            resumeAt[d] = Math.Max(resumeAt[d], _detectors[d].DetectAll(text, Math.Max(from, resumeAt[d]), to, field, tally));
            anchorless |= 1UL << d;
        }
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var width = Vector<byte>.Count;
        var position = from;
        if (Vector.IsHardwareAccelerated)
        {
            for (; position + width + MaxPrefix - 1 <= chars.Length && position < to; position += width)
            {
                var candidates = CandidateMask(chars, position);
                // Anchors at or past the region's end belong to the next window.
                if (to - position < width) candidates &= (1UL << (to - position)) - 1;
                while (candidates != 0)
                {
                    Confirm(text, position + BitOperations.TrailingZeroCount(candidates), field, tally, resumeAt, anchorless);
                    candidates &= candidates - 1;
                }
            }
        }
        for (; position < to; position++) Confirm(text, position, field, tally, resumeAt, anchorless);
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

    private void Confirm(ReadOnlySpan<char> text, int position, FieldContext field, DetectionTally tally, Span<int> resumeAt, ulong anchorless)
    {
        var first = text[position];
        if (first >= _byFirstChar.Length) return;
        foreach (var entry in _byFirstChar[first])
        {
            if (position < resumeAt[entry.Detector] || (anchorless >> entry.Detector & 1) != 0) continue;
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
