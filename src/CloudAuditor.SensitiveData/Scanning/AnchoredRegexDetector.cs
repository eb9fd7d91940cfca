namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>An anchored detector whose value is then matched by a regex in a short window from the anchor.</summary>
public abstract class AnchoredRegexDetector : RegexDetector, IAnchoredDetector
{
    public abstract IReadOnlyList<Anchor> Anchors { get; }

    /// <summary>How far a value can extend from its anchor.</summary>
    protected abstract int MaxLength { get; }

    public virtual int Reach => MaxLength + 1;

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

    public virtual bool DetectsWithoutAnchors(FieldContext field) => false;

    public int DetectAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally) => ScanAll(text, from, to, field, tally);
}
