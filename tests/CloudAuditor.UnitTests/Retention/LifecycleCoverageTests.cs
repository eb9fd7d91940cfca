using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Retention;

/// <summary>A lifecycle rule guarantees deletion only for the keys its filter certainly selects.</summary>
public class LifecycleCoverageTests
{
    private static readonly Dictionary<string, string> NoTags = [];

    private static LifecycleRule Rule(string id, int? days, string? prefix = null, Dictionary<string, string>? tags = null, long? minSize = null,
        string[]? blobTypes = null, int? noncurrentDays = null) =>
        new(id, new LifecycleScope(prefix is null ? [] : [prefix], tags ?? NoTags, minSize, null, blobTypes ?? []), days, noncurrentDays);

    private static LifecycleRules Rules(params LifecycleRule[] rules) => new(rules);

    [Fact]
    public void A_prefix_rule_does_not_cover_the_rest_of_the_bucket()
    {
        var coverage = LifecycleCoverage.CurrentVersions(Rules(Rule("tmp-cleanup", 30, "tmp/")), []);
        Assert.Null(coverage.Days);
        Assert.Equal("only rule 'tmp-cleanup' (30 days, prefix tmp/): keys outside those scopes are never deleted", coverage.Explanation);
    }

    [Fact]
    public void Tag_size_and_blob_type_filters_cover_an_unknown_part_and_guarantee_nothing()
    {
        Assert.Null(LifecycleCoverage.CurrentVersions(Rules(Rule("tagged", 30, tags: new() { ["temp"] = "yes" })), []).Days);
        Assert.Null(LifecycleCoverage.CurrentVersions(Rules(Rule("big", 30, minSize: 1_000_000)), []).Days);
        Assert.Null(LifecycleCoverage.CurrentVersions(Rules(Rule("appends", 30, blobTypes: ["appendBlob"])), []).Days);
        Assert.Equal(30, LifecycleCoverage.CurrentVersions(Rules(Rule("blocks", 30, blobTypes: ["blockBlob"])), []).Days);
    }

    [Fact]
    public void The_whole_scope_lives_as_long_as_its_least_covered_prefix()
    {
        var rules = Rules(Rule("all", 365), Rule("logs", 30, "logs/"), Rule("audit", 90, "audit/"));
        Assert.Equal(365, LifecycleCoverage.CurrentVersions(rules, []).Days);
        var declared = LifecycleCoverage.CurrentVersions(rules, ["logs/app/", "audit/"]);
        Assert.Equal(90, declared.Days);
        Assert.Contains("'logs' (30 days, prefix logs/)", declared.Explanation, StringComparison.Ordinal);
        var partly = LifecycleCoverage.CurrentVersions(Rules(Rule("logs", 30, "logs/")), ["logs/", "exports/"]);
        Assert.Null(partly.Days);
        Assert.EndsWith("nothing deletes under exports/", partly.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_versioned_bucket_must_also_expire_noncurrent_versions()
    {
        var judge = new RetentionJudge(new RetentionSettings
        {
            DefaultClass = "logs",
            Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90 } },
        });
        var posture = Subjects.Posture(versioning: true) with { Lifecycle = Observed<LifecycleRules>.Of(Rules(Rule("expire", 30))) };
        var verdict = judge.Judge(Subjects.Bucket() with { Retention = posture });
        Assert.Equal("noncurrent versions must also be deleted within 90 days, noncurrent expiry is not set for the whole scope (no rule expires " +
            "noncurrent versions)", Assert.Single(verdict.Shortfalls));
        var both = posture with { Lifecycle = Observed<LifecycleRules>.Of(Rules(Rule("expire", 30, noncurrentDays: 7))) };
        Assert.True(judge.Judge(Subjects.Bucket() with { Retention = both }).Compliant);
    }

    [Fact]
    public void A_class_limited_to_some_prefixes_is_compliant_when_those_expire()
    {
        var judge = new RetentionJudge(new RetentionSettings
        {
            DefaultClass = "logs",
            Classes = { ["logs"] = new RetentionRequirement { MaxRetentionDays = 90, Prefixes = ["logs/"] } },
        });
        var posture = Subjects.Posture() with { Lifecycle = Observed<LifecycleRules>.Of(Rules(Rule("expire-logs", 90, "logs/"))) };
        var verdict = judge.Judge(Subjects.Bucket() with { Retention = posture });
        Assert.True(verdict.Compliant);
        Assert.Equal("'expire-logs' (90 days, prefix logs/) covers the data class's prefixes logs/", verdict.Expiry!.Explanation);
    }
}
