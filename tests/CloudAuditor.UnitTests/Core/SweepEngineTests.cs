using CloudAuditor.Cli;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Coverage;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Core;

public class SweepEngineTests
{
    private sealed class FakeTarget(string name, Func<IInventorySink, Task> run) : ITargetInventory
    {
        public string Name => name;
        public CloudKind Cloud => CloudKind.Azure;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => run(sink);
    }

    private static SweepEngine Engine => new(CheckCatalog.Default, CheckContext.Default, NullLogger<SweepEngine>.Instance);

    [Fact]
    public async Task One_unreachable_and_one_broken_target_do_not_stop_the_healthy_one()
    {
        var sink = new CollectingFindingSink();
        var targets = new ITargetInventory[]
        {
            new FakeTarget("down", _ => throw new TargetUnreachableException("Storage account x",
                new Fault(FaultKind.Unreachable, "no connection (connection refused)"))),
            new FakeTarget("buggy", _ => throw new InvalidOperationException("boom")),
            new FakeTarget("healthy", sink => sink.SubjectAsync(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed), default).AsTask()),
        };

        var summary = await Engine.RunAsync(targets, sink, concurrency: 2, CancellationToken.None);

        Assert.True(sink.Completed);
        Assert.False(summary.Coverage.Complete);
        Assert.Equal(new KindCoverage(CoverageKinds.Target, 1, 0, 2), summary.Coverage.Kinds.Single(k => k.Kind == CoverageKinds.Target));
        Assert.Equal(1, summary.Subjects);
        var unreachable = Assert.Single(sink.Findings, f => f.CheckId == "azure.target.unreachable" && f.Status == FindingStatus.Error);
        Assert.Equal("Storage account x: no connection (connection refused)", unreachable.Detail);
        var failed = Assert.Single(sink.Findings, f => f.CheckId == "azure.target.failed");
        Assert.DoesNotContain("boom", failed.Detail);
        Assert.Contains("an unexpected error in the auditor (InvalidOperationException)", failed.Detail);
        Assert.Contains(sink.Findings, f => f.CheckId == "azure.container.public-access" && f.IsFailing);
        Assert.Equal(1, summary.FailingAtOrAbove(Severity.Critical));
    }

    [Theory]
    [InlineData(0, null, 0)]
    [InlineData(0, Severity.Critical, 1)]
    [InlineData(1, Severity.Critical, 3)]
    public async Task Exit_codes_follow_the_contract(int unreachable, Severity? failOn, int expected)
    {
        var targets = new List<ITargetInventory>
        {
            new FakeTarget("t", sink => sink.SubjectAsync(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed), default).AsTask()),
        };
        if (unreachable > 0) targets.Add(new FakeTarget("down", _ => throw new TargetUnreachableException("down", new Fault(FaultKind.TimedOut, "no answer"))));
        var summary = await Engine.RunAsync(targets, new CollectingFindingSink(), 1, CancellationToken.None);
        Assert.Equal(expected, ExitCodes.Of(summary, failOn));
    }

    [Fact]
    public async Task Resources_not_audited_and_stopped_listings_are_counted_named_and_reported()
    {
        var sink = new CollectingFindingSink();
        var lost = new ResourceRef("https://acct.blob.core.windows.net/broken", "blob-container", "broken") { Account = "acct", Container = "broken" };
        var account = new ResourceRef("https://acct.blob.core.windows.net", "storage-account", "acct");
        var target = new FakeTarget("t", async sink =>
        {
            await sink.SubjectAsync(Subjects.Container(ContainerAccessLevel.None), default);
            await sink.NotAuditedAsync(lost, new Fault(FaultKind.Malformed, "the answer was not valid XML"), default);
            await sink.ListingStoppedAsync(account, CoverageKinds.Container, 2, new Fault(FaultKind.Unreachable, "no connection (connection refused)"),
                default);
        });
        var summary = await Engine.RunAsync([target], sink, 1, CancellationToken.None);

        Assert.Equal(ExitCodes.Incomplete, ExitCodes.Of(summary, null));
        Assert.True(summary.Coverage.Transient);
        var lines = summary.Coverage.Lines().ToList();
        Assert.Contains("0/1 target audited, 1 partially audited", lines[0]);
        Assert.Equal("1/2 containers audited, 1 not audited (1 the answer was not valid XML: broken)", lines[1]);
        Assert.Equal("acct: listing containers stopped after 2 (no connection (connection refused)); any after those are unknown and were not audited",
            lines[2]);
        Assert.Equal("Not audited: the answer was not valid XML.", Assert.Single(sink.Findings, f => f.CheckId == "azure.container.unreadable").Detail);
        Assert.Contains("Listing containers stopped after 2", Assert.Single(sink.Findings, f => f.CheckId == "azure.target.failed").Detail);
    }

    [Fact]
    public async Task A_subject_with_settings_that_failed_to_read_is_partial_and_says_which()
    {
        var sink = new CollectingFindingSink();
        var bucket = Subjects.Bucket() with { Acl = Observed<AclList>.Failed(new Fault(FaultKind.Throttled, "GetBucketAcl: 503 SlowDown")) };
        var summary = await Engine.RunAsync([new FakeTarget("t", s => s.SubjectAsync(bucket, default).AsTask())], sink, 1, CancellationToken.None);
        Assert.Equal(new KindCoverage(CoverageKinds.Bucket, 0, 1, 0), Assert.Single(summary.Coverage.Kinds, k => k.Kind == CoverageKinds.Bucket));
        Assert.True(summary.Coverage.Transient);
        Assert.Contains("GetBucketAcl: 503 SlowDown", Assert.Single(sink.Findings, f => f.CheckId == "aws.s3.settings-unreadable").Detail);
    }
}
