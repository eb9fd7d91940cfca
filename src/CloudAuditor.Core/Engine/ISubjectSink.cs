using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Receives every subject as it is audited, beside the findings: for exports of the inventory itself (the retention report).</summary>
public interface ISubjectSink
{
    ValueTask WriteAsync(string target, IAuditSubject subject, CancellationToken cancellationToken);
}
