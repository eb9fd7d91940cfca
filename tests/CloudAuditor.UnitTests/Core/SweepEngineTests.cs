using CloudAuditor.Cli;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
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
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => run(sink);
    }

    private static SweepEngine Engine => new(CheckCatalog.Default, CheckContext.Default, NullLogger<SweepEngine>.Instance);

    [Fact]
    public async Task One_unreachable_and_one_broken_target_do_not_stop_the_healthy_one()
    {
        var sink = new CollectingFindingSink();
        var targets = new ITargetInventory[]
        {
            new FakeTarget("down", _ => throw new TargetUnreachableException("Storage account x did not answer (no response).")),
            new FakeTarget("buggy", _ => throw new InvalidOperationException("boom")),
            new FakeTarget("healthy", sink => sink.SubjectAsync(Subjects.Container(ContainerAccessLevel.Container, probe: Subjects.Allowed), default).AsTask()),
        };

        var summary = await Engine.RunAsync(targets, sink, concurrency: 2, CancellationToken.None);

        Assert.True(sink.Completed);
        Assert.Equal(1, summary.UnreachableTargets);
        Assert.Equal(1, summary.Subjects);
        Assert.Contains(sink.Findings, f => f.CheckId == "azure.target.unreachable" && f.Status == FindingStatus.Error);
        var failed = Assert.Single(sink.Findings, f => f.CheckId == "azure.target.failed");
        Assert.DoesNotContain("boom", failed.Detail);
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
        if (unreachable > 0) targets.Add(new FakeTarget("down", _ => throw new TargetUnreachableException("down")));
        var summary = await Engine.RunAsync(targets, new CollectingFindingSink(), 1, CancellationToken.None);
        Assert.Equal(expected, SweepCommand.ExitCodeOf(summary, failOn));
    }
}
