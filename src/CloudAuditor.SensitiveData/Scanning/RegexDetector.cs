using System.Text.RegularExpressions;

namespace CloudAuditor.SensitiveData.Scanning;

/// <summary>
/// A detector whose candidates come from a regex (the prefilter; source-generated, vectorised on its leading
/// characters) and whose hits must then pass <see cref="IsValid"/>: checksums, ranges, context.
/// </summary>
public abstract class RegexDetector : IDetector
{
    private readonly Masking _mask;

    protected RegexDetector() => _mask = MaskValue;

    public abstract string EntityType { get; }

    protected abstract Regex Candidates { get; }

    /// <summary>Every candidate starting in [from, to): for a field that names the entity, where values carry no anchor.</summary>
    /// <returns>The end of the last candidate reported, or <paramref name="to"/>.</returns>
    protected int ScanAll(ReadOnlySpan<char> text, int from, int to, FieldContext field, DetectionTally tally)
    {
        var resume = to;
        foreach (var match in Candidates.EnumerateMatches(text, from))
        {
            if (match.Index >= to) break;
            Report(text, match.Index, match.Length, field, tally);
            resume = Math.Max(resume, match.Index + match.Length);
        }
        return resume;
    }

    protected void Report(ReadOnlySpan<char> text, int index, int length, FieldContext field, DetectionTally tally)
    {
        var value = text.Slice(index, length);
        if (IsValid(value, text[..index], field)) tally.Add(EntityType, value, _mask);
    }

    /// <param name="before">The text before the candidate, for context words.</param>
    protected abstract bool IsValid(ReadOnlySpan<char> value, ReadOnlySpan<char> before, FieldContext field);

    protected abstract string MaskValue(ReadOnlySpan<char> value);

    /// <summary>Any of the words in the last <paramref name="window"/> characters before the candidate.</summary>
    protected static bool HasContextBefore(ReadOnlySpan<char> before, int window, string[] words)
    {
        return ContextWord.AnyIn(before[Math.Max(0, before.Length - window)..], words);
    }
}
