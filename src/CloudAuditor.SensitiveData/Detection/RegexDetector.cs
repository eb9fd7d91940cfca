using System.Text.RegularExpressions;

namespace CloudAuditor.SensitiveData.Detection;

/// <summary>
/// A detector whose candidates come from a regex (the prefilter; source-generated, vectorised on its leading
/// characters) and whose hits must then pass <see cref="IsValid"/>: checksums, ranges, context.
/// </summary>
public abstract class RegexDetector : IDetector
{
    public abstract string EntityType { get; }

    protected abstract Regex Candidates { get; }

    public void Detect(ReadOnlySpan<char> text, FieldContext field, DetectionTally tally)
    {
        if (!MayContain(text, field)) return;
        foreach (var match in Candidates.EnumerateMatches(text))
        {
            var value = text.Slice(match.Index, match.Length);
            if (IsValid(value, text[..match.Index], field)) tally.Add(EntityType, MaskValue(value));
        }
    }

    /// <summary>A cheaper test that rules the whole text out, e.g. a required keyword.</summary>
    protected virtual bool MayContain(ReadOnlySpan<char> text, FieldContext field) => true;

    /// <param name="before">The text before the candidate, for context words.</param>
    protected abstract bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field);

    protected abstract string MaskValue(ReadOnlySpan<char> value);

    /// <summary>Any of the words in the last <paramref name="window"/> characters before the candidate.</summary>
    protected static bool HasContextBefore(ReadOnlySpan<char> before, int window, params string[] words)
    {
        var tail = before[Math.Max(0, before.Length - window)..];
        foreach (var word in words)
        {
            if (tail.Contains(word, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }
}
