using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>What a check is, independent of any resource: the catalogue entry users read and benchmarks map to.</summary>
public sealed record CheckDefinition(
    string Id,
    FindingType Type,
    Severity Severity,
    string Title,
    string Rationale,
    string Remediation,
    IReadOnlyList<string> Benchmarks);

/// <summary>A check's judgement of one subject. Severity may be raised or lowered from the default by what was seen.</summary>
public sealed record CheckOutcome(FindingStatus Status, string Detail, Severity? Severity = null, IReadOnlyDictionary<string, string>? Evidence = null)
{
    public static CheckOutcome Pass(string detail, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(FindingStatus.Pass, detail, null, evidence);

    public static CheckOutcome Fail(string detail, Severity? severity = null, IReadOnlyDictionary<string, string>? evidence = null) =>
        new(FindingStatus.Fail, detail, severity, evidence);
}

public interface ICheck
{
    CheckDefinition Definition { get; }

    /// <summary>Null when the check does not apply to the subject or the settings it needs could not be read.</summary>
    CheckOutcome? Evaluate(IAuditSubject subject);
}

/// <summary>Base for checks over one kind of subject; a check is a pure function of the model.</summary>
public abstract class Check<TSubject> : ICheck where TSubject : IAuditSubject
{
    public abstract CheckDefinition Definition { get; }

    public CheckOutcome? Evaluate(IAuditSubject subject) => subject is TSubject typed ? Evaluate(typed) : null;

    protected abstract CheckOutcome? Evaluate(TSubject subject);

    protected static Dictionary<string, string> Evidence(params (string Key, string? Value)[] items) =>
        items.Where(i => i.Value is not null).ToDictionary(i => i.Key, i => i.Value!);
}
