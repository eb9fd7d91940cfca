using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Faults;

namespace CloudAuditor.UnitTests.Core;

public class CoverageLedgerTests
{
    private static readonly Fault Xml = new(FaultKind.Malformed, "listing failed: the answer was not valid XML");
    private static readonly Fault Throttled = new(FaultKind.Throttled, "throttled (503 ServerBusy) after retries with backoff");

    [Fact]
    public void Counts_and_reasons_read_as_one_line_per_kind_from_the_estate_down()
    {
        var ledger = new CoverageLedger();
        ledger.Record(CoverageKinds.Object, AuditState.Audited, "c1/a.csv");
        for (var i = 0; i < 298; i++) ledger.Record(CoverageKinds.Container, AuditState.Audited, $"c{i}");
        for (var i = 0; i < 3; i++) ledger.Record(CoverageKinds.Container, AuditState.NotAudited, $"broken{i}", Xml);
        ledger.Record(CoverageKinds.Target, AuditState.Partial, "prod", Throttled);

        var report = ledger.Report();

        Assert.Equal(
        [
            "0/1 target audited, 1 partially audited (1 throttled (503 ServerBusy) after retries with backoff: prod)",
            "298/301 containers audited, 3 not audited (3 listing failed: the answer was not valid XML: broken0, broken1, broken2)",
            "1/1 sampled object audited",
        ], report.Lines());
        Assert.False(report.Complete);
        Assert.True(report.Transient);
    }

    [Fact]
    public void Names_per_reason_are_bounded_and_the_same_whatever_order_they_arrive_in()
    {
        var names = Enumerable.Range(0, 5000).Select(i => $"obj{i:0000}").ToList();
        var forwards = new CoverageLedger();
        var backwards = new CoverageLedger();
        foreach (var name in names) forwards.Record(CoverageKinds.Object, AuditState.NotAudited, name, Throttled);
        foreach (var name in Enumerable.Reverse(names)) backwards.Record(CoverageKinds.Object, AuditState.NotAudited, name, Throttled);

        var gap = Assert.Single(forwards.Report().Gaps);
        Assert.Equal(5000, gap.Count);
        Assert.Equal(names.Take(CoverageLedger.NamesPerReason), gap.Examples);
        Assert.Equal(forwards.Report().Lines(), backwards.Report().Lines());
        Assert.EndsWith("obj0009, …)", forwards.Report().Lines().Single());
    }

    [Fact]
    public void Limits_are_reported_but_leave_the_audit_complete_and_a_stopped_listing_does_not()
    {
        var ledger = new CoverageLedger();
        ledger.Record(CoverageKinds.Object, AuditState.Partial, "c/huge.bin", new Fault(FaultKind.Limit, "larger than the 64 MiB sample cap"));
        Assert.True(ledger.Report().Complete);

        ledger.RemainderUnknown("account devstore", CoverageKinds.Container, 120, Throttled);
        var report = ledger.Report();
        Assert.False(report.Complete);
        Assert.Contains("account devstore: listing containers stopped after 120 (throttled (503 ServerBusy) after retries with backoff); any after those are " +
            "unknown and were not audited", report.Lines());
    }
}
