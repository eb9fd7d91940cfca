using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Support;

/// <summary>Checks judged with no configured policy, for the tests of checks whose rules are code.</summary>
public static class DefaultContext
{
    public static CheckOutcome? Evaluate(this ICheck check, IAuditSubject subject) => check.Evaluate(subject, CheckContext.Default);

    public static IEnumerable<Finding> Evaluate(this CheckCatalog catalog, IAuditSubject subject) => catalog.Evaluate(subject, CheckContext.Default);
}
