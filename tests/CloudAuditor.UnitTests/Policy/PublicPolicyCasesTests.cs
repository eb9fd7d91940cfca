using System.Text.Json;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Policy;

namespace CloudAuditor.UnitTests.Policy;

/// <summary>
/// Recorded/policies/public-policy-cases.json: bucket policies with the verdict the AWS documentation gives them, each citing the
/// section it is derived from. The table is the specification of <see cref="PublicPolicyEvaluator"/>.
/// </summary>
public class PublicPolicyCasesTests
{
    private static readonly JsonElement[] Cases = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Recorded", "policies",
        "public-policy-cases.json"))).RootElement.EnumerateArray().ToArray();

    public static TheoryData<string> Names() => [.. Cases.Select(c => c.GetProperty("name").GetString()!)];

    [Fact]
    public void The_table_covers_at_least_sixty_policies_each_with_its_source()
    {
        Assert.True(Cases.Length >= 60, $"{Cases.Length} cases");
        Assert.All(Cases, c => Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("source").GetString())));
        Assert.Equal(Cases.Length, Cases.Select(c => c.GetProperty("name").GetString()).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Verdict_matches_the_documentation(string name)
    {
        var c = Cases.Single(x => x.GetProperty("name").GetString() == name);
        var verdict = BucketPolicy.Parse(c.GetProperty("policy").GetRawText()).Verdict;
        var reasons = string.Join(" | ", verdict.Statements.Select(s => $"{s.Label}: {s.Reach} {s.Reason}"));
        Assert.True(Enum.Parse<PolicyReach>(c.GetProperty("reach").GetString()!) == verdict.Reach, $"{name}: got {verdict.Reach}: {reasons}");
        if (c.TryGetProperty("access", out var access))
        {
            var expected = access.EnumerateArray().Aggregate(S3Access.None, (a, v) => a | Enum.Parse<S3Access>(v.GetString()!));
            Assert.True(expected == verdict.PublicAccess, $"{name}: access {verdict.PublicAccess}, expected {expected}: {reasons}");
        }
        if (c.TryGetProperty("reasonContains", out var reason))
            Assert.Contains(reason.GetString()!, reasons, StringComparison.Ordinal);
        Assert.All(verdict.Statements, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
    }
}
