using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

public interface ICheck
{
    CheckDefinition Definition { get; }

    /// <summary>Null when the check does not apply to the subject or the settings it needs could not be read.</summary>
    CheckOutcome? Evaluate(IAuditSubject subject, CheckContext context);
}
