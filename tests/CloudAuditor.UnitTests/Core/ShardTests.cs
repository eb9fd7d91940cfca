using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Core;

public class ShardTests
{
    [Fact]
    public void Every_name_belongs_to_exactly_one_shard_and_the_split_is_even_enough()
    {
        var names = Enumerable.Range(0, 10_000).Select(i => $"container-{i:00000}").ToList();
        var shards = Shard.Of(8).ToList();

        Assert.All(names, name => Assert.Single(shards, s => s.Owns(name)));
        Assert.All(shards, s => Assert.InRange(names.Count(s.Owns), 1_000, 1_500));
    }

    [Fact]
    public void The_split_is_the_same_in_every_process_and_ignores_case()
    {
        // Fixed values: a process of another build or another .NET must put a name in the same shard.
        Assert.Equal(0, Shard.Of(4).Single(s => s.Owns("exports")).Index);
        Assert.Equal(1, Shard.Of(4).Single(s => s.Owns("invoices")).Index);
        Assert.Equal(Shard.Of(4).Select(s => s.Owns("Exports")), Shard.Of(4).Select(s => s.Owns("exports")));
        Assert.True(Shard.Whole.Owns("anything"));
    }

    [Fact]
    public async Task Shard_ids_name_the_target_and_the_part_and_read_back_to_the_same_split()
    {
        var config = new AuditorConfig
        {
            Azure = [new AzureTarget { Name = "prod", Shards = 3 }, new AzureTarget { Name = "dev" }],
            Aws = [new AwsTarget { Name = "aws", Shards = 2 }],
        };
        var counts = await ShardCounts.PlanAsync([new NamedTarget("prod"), new NamedTarget("dev"), new NamedTarget("aws")], config,
            NullLogger.Instance, CancellationToken.None);

        var ids = ShardPlan.Ids(counts);
        Assert.Equal(["prod#1/3", "prod#2/3", "prod#3/3", "dev", "aws#1/2", "aws#2/2"], ids);
        Assert.Equal(ids, ShardPlan.Ids(ShardCounts.FromIds(ids)));
        Assert.True(Shard.TryParse("prod#2/3", out var target, out var shard));
        Assert.Equal(("prod", new Shard(1, 3)), (target, shard));
        Assert.True(Shard.TryParse("team#a#10/12", out target, out shard));
        Assert.Equal(("team#a", new Shard(9, 12)), (target, shard));
        Assert.True(Shard.TryParse("dev", out target, out shard));
        Assert.Equal(("dev", Shard.Whole), (target, shard));
        Assert.All(["prod#4/3", "prod#0/3", "prod#1/1", "prod#x/3", "prod#1", "prod#-1/3", "prod# 1/3"], id => Assert.False(Shard.TryParse(id, out _, out _)));
        Assert.Throws<FormatException>(() => ShardCounts.FromIds(["prod#4/3"]));
        Assert.Equal(1, config.Azure[0].LimitedTo(["one"]).Shards);
    }

    [Fact]
    public async Task A_target_without_a_shards_setting_is_split_by_its_size_and_one_that_cannot_be_counted_stays_whole()
    {
        var config = new AuditorConfig
        {
            Sweep = new SweepSettings { ShardSize = 100 },
            Azure = [new AzureTarget { Name = "estate" }, new AzureTarget { Name = "small" }, new AzureTarget { Name = "pinned", Shards = 2 }],
            Aws = [new AwsTarget { Name = "down" }, new AwsTarget { Name = "empty" }, new AwsTarget { Name = "unknown" }, new AwsTarget { Name = "huge" }],
        };
        var logger = new ListLogger();
        ITargetInventory[] targets =
        [
            new NamedTarget("estate", 3_001), new NamedTarget("small", 100), new NamedTarget("pinned", 5_000),
            new NamedTarget("down", fails: new HttpRequestException("Connection refused (s3.example:443)")), new NamedTarget("empty", 0),
            new NamedTarget("unknown"), new NamedTarget("huge", int.MaxValue),
        ];

        var counts = await ShardCounts.PlanAsync(targets, config, logger, CancellationToken.None);

        Assert.Equal([("estate", 31), ("small", 1), ("pinned", 2), ("down", 1), ("empty", 1), ("unknown", 1), ("huge", ShardCounts.MaxShards)],
            counts.Targets);
        Assert.Equal(0, ((NamedTarget)targets[2]).Counted);
        var warning = Assert.Single(logger.Messages);
        Assert.Contains("Target down could not be counted", warning);
        Assert.Contains("(no connection", warning);
    }

    [Fact]
    public void The_parts_of_a_huge_target_are_interleaved_with_the_other_targets_so_none_waits_behind_it()
    {
        var targets = new ITargetInventory[] { new NamedTarget("huge"), new NamedTarget("small") };

        Assert.Equal(["huge#1/4", "small", "huge#2/4", "huge#3/4", "huge#4/4"],
            ShardPlan.Expand(targets, ShardCounts.FromIds(["huge#1/4", "small"])).Select(t => t.Name));
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }

    private sealed class NamedTarget(string name, int? units = null, Exception? fails = null) : ITargetInventory
    {
        public int Counted { get; private set; }

        public string Name => name;
        public CloudAuditor.Core.Model.CloudKind Cloud => CloudAuditor.Core.Model.CloudKind.Azure;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<int?> CountShardUnitsAsync(CancellationToken cancellationToken)
        {
            Counted++;
            return fails is null ? Task.FromResult(units) : Task.FromException<int?>(fails);
        }
    }
}
