using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>A check's judgement of one subject. Severity may be raised or lowered from the default by what was seen.</summary>
public sealed record CheckOutcome(FindingStatus Status, string Detail, Severity? Severity = null, IReadOnlyDictionary<string, string>? Evidence = null)
{
    public static CheckOutcome Pass(string detail, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(FindingStatus.Pass, detail, null, evidence);

    /// <summary>A setting the verdict depends on could not be read: reported as an error that names it, never guessed.</summary>
    public static CheckOutcome Undecided(string detail, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(FindingStatus.Error, "Undecided: " + detail, null, evidence);

    public static CheckOutcome Fail(string detail, Severity? severity = null, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(FindingStatus.Fail, detail, severity, evidence);
}
