using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>
/// One object the sampler chose: its findings, and whether it was scanned (as far as sampling reads by design),
/// partially (a limit cut it) or not at all, with the fault. A null key stands for the container's object listing.
/// </summary>
public sealed record SampledObject(string? Key, IReadOnlyList<Finding> Findings, AuditState State, Fault? Fault = null);
