using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.SensitiveData.Sampling;

/// <summary>
/// What a <see cref="KeyspaceWalk"/> found: the candidates to choose a sample from, the newest branch it reached, the
/// list calls and names it spent, and why it stopped short of the newest keys or of a branch, when it did.
/// </summary>
public sealed record KeyspaceSample(IReadOnlyList<StoredObject> Candidates, string NewestBranch, int ListCalls, int NamesListed, Fault? Cut);
