using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// Base for checks over one kind of subject: a pure function of the model and of the configured policy in the context.
/// A check is found by <see cref="CheckCatalog"/> through its parameterless constructor, so a new check is one type plus its test.
/// </summary>
public abstract class Check<TSubject> : ICheck where TSubject : IAuditSubject
{
    public abstract CheckDefinition Definition { get; }

    public CheckOutcome? Evaluate(IAuditSubject subject, CheckContext context) => subject is TSubject typed ? Evaluate(typed, context) : null;

    protected abstract CheckOutcome? Evaluate(TSubject subject, CheckContext context);

    protected static Dictionary<string, string> Evidence(params (string Key, string? Value)[] items) =>
        items.Where(i => i.Value is not null).ToDictionary(i => i.Key, i => i.Value!);
}
