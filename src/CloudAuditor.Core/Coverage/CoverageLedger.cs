using CloudAuditor.Core.Faults;

namespace CloudAuditor.Core.Coverage;

/// <summary>
/// Where a sweep accounts for coverage, in bounded memory: counts per kind and state, and per gap reason only a few
/// resource names (the first in name order, so two runs with the same gaps say the same thing whatever the timing), so
/// a sweep of a million unreadable objects holds a few counters, not a million names.
/// </summary>
public sealed class CoverageLedger
{
    public const int NamesPerReason = 10;

    /// <summary>Distinct reasons kept per kind and state; further ones are counted together, so reasons cannot grow without bound either.</summary>
    public const int ReasonsPerKind = 20;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int[]> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Kind, AuditState State, Fault Fault), (int Count, SortedSet<string> Names)> _gaps = [];
    private readonly List<UnknownRemainder> _remainders = [];

    public void Record(string kind, AuditState state, string name, Fault? fault = null)
    {
        lock (_gate)
        {
            if (!_counts.TryGetValue(kind, out var counts)) _counts[kind] = counts = new int[3];
            counts[(int)state]++;
            if (state == AuditState.Audited || fault is null) return;
            var key = (kind, state, fault);
            if (!_gaps.ContainsKey(key) && _gaps.Keys.Count(k => k.Kind == kind && k.State == state) >= ReasonsPerKind)
                key = (kind, state, new Fault(fault.Kind, "other reasons"));
            if (!_gaps.TryGetValue(key, out var gap)) gap = (0, new SortedSet<string>(StringComparer.Ordinal));
            if (gap.Names.Add(name) && gap.Names.Count > NamesPerReason) gap.Names.Remove(gap.Names.Max!);
            _gaps[key] = (gap.Count + 1, gap.Names);
        }
    }

    public void RemainderUnknown(string scope, string kind, int listed, Fault fault)
    {
        lock (_gate) _remainders.Add(new UnknownRemainder(scope, kind, listed, fault));
    }

    public CoverageReport Report()
    {
        lock (_gate)
        {
            return new CoverageReport(
                _counts.OrderBy(k => Order(k.Key)).Select(k => new KindCoverage(k.Key, k.Value[0], k.Value[1], k.Value[2])).ToList(),
                _gaps.Select(g => new CoverageGap(g.Key.Kind, g.Key.State, g.Key.Fault, g.Value.Count, [.. g.Value.Names]))
                    .OrderBy(g => Order(g.Kind)).ThenByDescending(g => g.Count).ToList(),
                [.. _remainders]);
        }
    }

    /// <summary>Targets first, objects last, as a reader goes from the estate down to the bytes.</summary>
    private static int Order(string kind) => Array.IndexOf(CoverageKinds.Ordered, kind) is var i and >= 0 ? i : CoverageKinds.Ordered.Length;
}
