using System.Globalization;

namespace CloudAuditor.Core.Coverage;

/// <summary>
/// What a sweep reached, as numbers: per kind of resource, audited / partial / not audited, the reasons, and the
/// listings that stopped. Complete means every fault-free: limits (size caps, bombs) are reported but by design.
/// </summary>
public sealed record CoverageReport(IReadOnlyList<KindCoverage> Kinds, IReadOnlyList<CoverageGap> Gaps, IReadOnlyList<UnknownRemainder> Remainders)
{
    public static CoverageReport Empty { get; } = new([], [], []);

    public bool Complete => !Gaps.Any(g => g.Fault.IsGap) && Remainders.Count == 0;

    /// <summary>Some gap could close on a retry (unreachable, timed out, throttled, 5xx).</summary>
    public bool Transient => Gaps.Any(g => g.Fault.Transient) || Remainders.Any(r => r.Fault.Transient);

    /// <summary>"298/301 containers audited, 3 not audited (listing failed: the answer was not valid XML)" and the like, a line each.</summary>
    public IEnumerable<string> Lines()
    {
        foreach (var kind in Kinds)
        {
            var parts = new List<string> { $"{kind.Audited}/{kind.Total} {Plural(kind.Kind, kind.Total)} audited" };
            foreach (var (state, count) in new[] { (AuditState.Partial, kind.Partial), (AuditState.NotAudited, kind.NotAudited) })
            {
                if (count == 0) continue;
                var gaps = Gaps.Where(g => g.Kind == kind.Kind && g.State == state).ToList();
                var reasons = gaps.Count == 0 ? "" : $" ({string.Join("; ", gaps.Select(g => $"{g.Count} {g.Fault.Reason}{Named(g)}"))})";
                parts.Add($"{count} {(state == AuditState.Partial ? "partially audited" : "not audited")}{reasons}");
            }
            yield return string.Join(", ", parts);
        }
        foreach (var remainder in Remainders)
            yield return $"{remainder.Scope}: listing {Plural(remainder.Kind, 2)} stopped after {remainder.Listed.ToString(CultureInfo.InvariantCulture)} " +
                $"({remainder.Fault.Reason}); any after those are unknown and were not audited";
    }

    private static string Named(CoverageGap gap) =>
        gap.Examples.Count == 0 ? "" : $": {string.Join(", ", gap.Examples)}{(gap.Count > gap.Examples.Count ? ", …" : "")}";

    private static string Plural(string kind, int count) => count == 1 ? kind : kind.EndsWith('s') ? kind : $"{kind}s";
}
