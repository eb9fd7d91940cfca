using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Model;

namespace CloudAuditor.UnitTests.Retention;

public class ManagementPolicyTests
{
    private static LifecycleRule Rule(params string[] prefixes) => new("r", LifecycleScope.Everything with { Prefixes = prefixes }, 30, null);

    [Fact]
    public void Prefixes_are_string_prefixes_of_container_slash_blob_as_azure_matches_them()
    {
        var policy = new ManagementPolicy([Rule("logs"), Rule("logs/tmp/"), Rule("other/"), Rule()]);
        var logs = policy.For("logs").Rules;
        Assert.Equal(3, logs.Count);
        Assert.Equal(2, logs.Count(r => r.Scope.Prefixes.Count == 0));
        Assert.Contains(logs, r => r.Scope.Prefixes.SequenceEqual(["tmp/"]));
        Assert.Equal(2, policy.For("logs2").Rules.Count);
        Assert.Equal(2, policy.For("other").Rules.Count(r => r.Scope.Prefixes.Count == 0));
    }
}
