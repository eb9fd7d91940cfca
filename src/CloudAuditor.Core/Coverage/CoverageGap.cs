using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Coverage;

/// <summary>Resources of one kind left partial or not audited for one reason: how many, and the first few by name.</summary>
public sealed record CoverageGap(string Kind, AuditState State, Fault Fault, int Count, IReadOnlyList<string> Examples);
