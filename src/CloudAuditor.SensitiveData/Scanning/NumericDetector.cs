namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// A regex detector that runs only on the numeric tokens whose shape could hold its entity, over a small window
/// around the token. Regex look-behinds still see the real preceding text (the search starts at an offset, the
/// input is not cut), so boundaries behave exactly as on the whole text.
/// </summary>
public abstract class NumericDetector : RegexDetector
{
    /// <summary>The fewest and most digits of a token that holds the entity: the set offers the detector no other token.</summary>
    public virtual (int Min, int Max) DigitCount => (0, int.MaxValue);

    /// <summary>Whether a token of <paramref name="digits"/> digits is within <see cref="DigitCount"/>.</summary>
    public bool TakesDigits(int digits) => digits >= DigitCount.Min && digits <= DigitCount.Max;

    /// <summary>Whether a token of the right <see cref="DigitCount"/> has the shape of the entity (dots, a leading '+', a country code).</summary>
    public virtual bool Wants(in NumericToken token) => true;

    /// <summary>Characters after the token that a match may still use (IBANs continue into letters).</summary>
    protected virtual int Reach(in NumericToken token) => token.End - token.Start + 2;

    /// <summary>Characters before the first digit where a match may start (an IBAN's country code).</summary>
    protected virtual int Lead => 0;

    /// <summary>
    /// Values that are one number on their own (cards, SSNs): a match counts only from the token's first digit to its end, so it
    /// is never a slice of a longer grouped number, and the tokenizer, not the pattern, decides where neighbouring numbers part.
    /// </summary>
    protected virtual bool WholeToken => false;

    /// <summary>A cheap test of the token in its place before the pattern runs (context a bare number needs).</summary>
    protected virtual bool Applies(ReadOnlySpan<char> text, in NumericToken token, FieldContext field) => true;

    public void DetectAt(ReadOnlySpan<char> text, in NumericToken token, FieldContext field, DetectionTally tally)
    {
        if (!Applies(text, token, field)) return;
        var start = Math.Max(0, token.Start - Lead);
        var end = Math.Min(text.Length, token.Start + Reach(token));
        foreach (var match in Candidates.EnumerateMatches(text[..end], start))
        {
            // A match starting past the token belongs to a later token, which reports it itself.
            if (match.Index >= token.End) break;
            if (WholeToken && (match.Index != token.First || match.Index + match.Length != token.End)) continue;
            Report(text, match.Index, match.Length, field, tally);
        }
    }
}
