namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// A detector whose every value contains (or follows) one of a few literal anchors: "@", "AKIA", "eyJ", "==".
/// <see cref="AnchorScanner"/> finds the anchors of all such detectors in one vectorised pass; each then looks at a
/// short window only. Every member is required, so a detector cannot silently lose how its anchors compare or how far
/// its values reach.
/// </summary>
public interface IAnchoredDetector : IDetector
{
    IReadOnlyList<Anchor> Anchors { get; }

    /// <summary>
    /// How many characters past its anchor a value (and what the detector reads to judge it) can extend. Text streamed
    /// in windows keeps at least this much beyond each window, so a value across a window's edge is seen whole.
    /// </summary>
    int Reach { get; }

    /// <summary>Looks for a value around the anchor at <paramref name="index"/>.</summary>
    /// <returns>The index before which no further anchor needs looking at by this detector (the end of what it reported).</returns>
    int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally);

    /// <summary>
    /// When the field itself names the entity (a column "secret"), values carry no anchor: <see cref="DetectAll"/> runs
    /// instead, and the scanner skips this detector's anchors.
    /// </summary>
    bool DetectsWithoutAnchors(FieldContext field);

    /// <summary>Every value that starts in [<paramref name="from"/>, <paramref name="to"/>); the text may go on past <paramref name="to"/>.</summary>
    /// <returns>The index before which nothing more needs looking at (the end of the last value reported, or <paramref name="to"/>).</returns>
    int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally);
}
