using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Hosting;

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
    public void Shard_ids_name_the_target_and_the_part()
    {
        var config = new AuditorConfig
        {
            Azure = [new AzureTarget { Name = "prod", Shards = 3 }, new AzureTarget { Name = "dev" }],
            Aws = [new AwsTarget { Name = "aws", Shards = 2 }],
        };
        Assert.Equal(["prod#1/3", "prod#2/3", "prod#3/3", "dev", "aws#1/2", "aws#2/2"], ShardPlan.Ids(config));
        Assert.Equal(1, config.Azure[0].LimitedTo(["one"]).Shards);
    }

    [Fact]
    public void The_parts_of_a_huge_target_are_interleaved_with_the_other_targets_so_none_waits_behind_it()
    {
        var config = new AuditorConfig { Azure = [new AzureTarget { Name = "huge", Shards = 4 }, new AzureTarget { Name = "small" }] };
        var targets = new ITargetInventory[] { new NamedTarget("huge"), new NamedTarget("small") };

        Assert.Equal(["huge#1/4", "small", "huge#2/4", "huge#3/4", "huge#4/4"], ShardPlan.Expand(targets, config).Select(t => t.Name));
    }

    private sealed class NamedTarget(string name) : ITargetInventory
    {
        public string Name => name;
        public CloudAuditor.Core.Model.CloudKind Cloud => CloudAuditor.Core.Model.CloudKind.Azure;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
