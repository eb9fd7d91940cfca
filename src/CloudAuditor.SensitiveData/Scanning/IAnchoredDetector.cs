namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// A detector whose every value contains (or follows) one of a few literal anchors: "@", "AKIA", "eyJ", "==".
/// <see cref="AnchorScanner"/> finds the anchors of all such detectors in one vectorised pass; each then looks at a
/// short window only. Every member is required, so a detector cannot silently lose how its anchors compare.
/// </summary>
public interface IAnchoredDetector : IDetector
{
    IReadOnlyList<Anchor> Anchors { get; }

    /// <summary>Looks for a value around the anchor at <paramref name="index"/>.</summary>
    /// <returns>The index before which no further anchor needs looking at by this detector (the end of what it reported).</returns>
    int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally);

    /// <summary>
    /// When the field itself names the entity (a column "secret"), values carry no anchor: detects across the whole
    /// text and returns true, and the scanner then skips this detector's anchors. False leaves it to the anchors.
    /// </summary>
    bool TryDetectWithoutAnchors(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally);
}
