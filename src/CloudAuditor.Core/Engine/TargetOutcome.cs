namespace CloudAuditor.Core.Engine;

/// <summary>How one target of a sweep ended: what it audited and wrote, and the gaps that left something unaudited.</summary>
/// <param name="Transient">Some gap could close on another try (unreachable, throttled, timed out, 5xx).</param>
/// <param name="GapReasons">The first few distinct reasons; the coverage report counts them all.</param>
public sealed record TargetOutcome(string Target, int Subjects, int Findings, int Failing, int Gaps, bool Transient, IReadOnlyList<string> GapReasons)
{
    public bool Complete => Gaps == 0;
}
