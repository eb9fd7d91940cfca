namespace CloudAuditor.SensitiveData.Detection;

/// <summary>
/// A detector whose every value contains (or follows) one of a few literal anchors: "@", "AKIA", "eyJ", "==".
/// <see cref="AnchorScanner"/> finds the anchors of all such detectors in one vectorised pass; each then looks at a short window only.
/// </summary>
public interface IAnchoredDetector : IDetector
{
    /// <summary>Literal strings (case-sensitive unless <see cref="AnchorComparison"/> says otherwise).</summary>
    IReadOnlyList<string> Anchors { get; }

    StringComparison AnchorComparison => StringComparison.Ordinal;

    /// <summary>Looks for a value around the anchor at <paramref name="index"/>.</summary>
    /// <returns>The index before which no further anchor needs looking at by this detector (the end of what it reported).</returns>
    int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally);

    /// <summary>
    /// When the field itself names the entity (a column "secret"), values carry no anchor: detects across the whole
    /// text and returns true, and the scanner then skips this detector's anchors. False leaves it to the anchors.
    /// </summary>
    bool TryDetectWithoutAnchors(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally) => false;

    /// <summary>On its own, an anchored detector runs the way it does in a set.</summary>
    void IDetector.Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally) => DetectorSet.ScanWith(this, text, field, tally);
}

/// <summary>An anchored detector whose value is then matched by a regex in a short window from the anchor.</summary>
public abstract class AnchoredRegexDetector : RegexDetector, IAnchoredDetector
{
    public abstract IReadOnlyList<string> Anchors { get; }

    /// <summary>How far a value can extend from its anchor.</summary>
    protected abstract int MaxLength { get; }

    public override void Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally) =>
        DetectorSet.ScanWith(this, text, field, tally);

    public virtual int DetectAt(ReadOnlySpan<char> text, int index, FieldContext field, DetectionTally tally)
    {
        var end = Math.Min(text.Length, index + MaxLength + 1);
        foreach (var match in Candidates.EnumerateMatches(text[..end], index))
        {
            if (match.Index != index) break;
            Report(text, match.Index, match.Length, field, tally);
            return match.Index + match.Length;
        }
        return index + 1;
    }
}
