using System.Numerics;
using System.Runtime.InteropServices;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// Finds the anchors of every anchored detector in one vectorised pass over the text: a <see cref="PrefixFilter"/>
/// marks where the first one to three characters of some anchor may start, and only those positions are checked in
/// full and handed to their detector. One pass per anchor (a vectorised IndexOf each) cost a full read of the text
/// per anchor, and a multi-string search stopped on every single-character anchor; this reads the text once whatever
/// the number of anchors.
/// </summary>
public sealed class AnchorScanner
{
    private const int MaxPrefix = PrefixFilter.Positions;

    private readonly IAnchoredDetector[] _detectors;
    private readonly PrefixFilter _prefixes;

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
                probes.Add(anchor.IgnoreCase ? (prefix.ToLowerInvariant(), true) : (prefix, false));
                var entry = new AnchorEntry(text, anchor.Comparison, d);
                foreach (var first in anchor.IgnoreCase ? new[] { char.ToLowerInvariant(text[0]), char.ToUpperInvariant(text[0]) }.Distinct() : [text[0]])
                    _byFirstChar[first] = [.. _byFirstChar[first], entry];
            }
        }
        _prefixes = new PrefixFilter(probes);
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
        var width = PrefixFilter.Width;
        var position = from;
        if (width > 0)
        {
            for (; position + width + MaxPrefix - 1 <= chars.Length && position < to; position += width)
            {
                var candidates = _prefixes.CandidateMask(chars, position);
                // Anchors at or past the region's end belong to the next window.
                if (to - position < width) candidates &= (1UL << (to - position)) - 1;
                while (candidates != 0)
                {
                    var at = position + BitOperations.TrailingZeroCount(candidates);
                    if (_prefixes.MayStartAt(text, at)) Confirm(text, at, field, tally, resumeAt, anchorless);
                    candidates &= candidates - 1;
                }
            }
        }
        for (; position < to; position++) Confirm(text, position, field, tally, resumeAt, anchorless);
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

    private readonly record struct AnchorEntry(string Anchor, StringComparison Comparison, int Detector);
}
