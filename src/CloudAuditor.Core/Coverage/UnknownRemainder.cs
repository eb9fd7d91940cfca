using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Coverage;

/// <summary>A listing that stopped: what came after the first <see cref="Listed"/> resources of its scope was never seen.</summary>
public sealed record UnknownRemainder(string Scope, string Kind, int Listed, Fault Fault);
