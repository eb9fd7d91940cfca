using CloudAuditor.AwsProvider;
using CloudAuditor.AzureProvider;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Checks;

/// <summary>The catalogue is the one list of finding ids: checks, audit gaps and content findings, and what enforce mode can fix.</summary>
public class CheckCatalogTests
{
    [Fact]
    public void Configuration_driven_checks_are_found_like_any_other()
    {
        Assert.NotNull(CheckCatalog.Default.All.SingleOrDefault(c => c.Definition.Id == "azure.container.retention"));
        Assert.NotNull(CheckCatalog.Default.All.SingleOrDefault(c => c.Definition.Id == "aws.s3.retention"));
    }

    [Fact]
    public void Ids_no_check_computes_are_in_the_catalogue_too()
    {
        foreach (var id in new[] { "azure.target.unreachable", "aws.target.failed", "aws.s3.settings-unreadable", "azure.container.unreadable",
                     "azure.blob.sensitive-data", "aws.s3.sensitive-data-unscanned", "local.file.sensitive-data" })
            Assert.NotNull(CheckCatalog.Default.Find(id));
    }

    [Fact]
    public void Every_definition_is_complete_and_named_by_the_id_rules()
    {
        foreach (var d in CheckCatalog.Default.Definitions)
        {
            Assert.Matches(@"^(azure|aws|local)\.[a-z0-9]+\.[a-z0-9-]+$", d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Title), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Rationale), d.Id);
            Assert.False(string.IsNullOrWhiteSpace(d.Remediation), d.Id);
        }
    }

    [Fact]
    public void A_check_without_a_parameterless_constructor_is_refused_rather_than_silently_skipped()
    {
        var e = Assert.Throws<InvalidOperationException>(() => CheckCatalog.FromAssembly(typeof(CheckCatalogTests).Assembly));
        Assert.Contains(nameof(NeedsArguments), e.Message);
    }

    [Fact]
    public void Every_id_enforce_mode_accepts_has_a_remediator_and_every_remediator_is_for_such_an_id()
    {
        var config = new AuditorConfig
        {
            Azure = [new AzureTarget { Name = "az", AccountUrl = "https://a.blob.core.windows.net",
                ResourceId = "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/a" }],
            Aws = [new AwsTarget { Name = "aws", AccessKeyId = "AKIAIOSFODNN7EXAMPLE", SecretAccessKey = "x" }],
        };
        ITargetInventoryFactory[] providers = [new AzureInventoryFactory(new StaticTokenCredential(), NullLoggerFactory.Instance),
            new AwsInventoryFactory(NullLoggerFactory.Instance)];
        var remediable = providers.SelectMany(p => p.Create(config)).SelectMany(t => t.Remediators).Select(r => r.CheckId).ToHashSet();
        var declared = CheckCatalog.Default.Definitions.Where(d => d.Remediable).Select(d => d.Id).ToHashSet();
        Assert.Equal(declared.Order(), remediable.Order());
    }

    private sealed class NeedsArguments(int threshold) : Check<S3Bucket>
    {
        public override CheckDefinition Definition { get; } = new("aws.s3.test", FindingType.Exposure, Severity.Low, "t", "r", "f", []);

        protected override CheckOutcome? Evaluate(S3Bucket subject, CheckContext context) => threshold > 0 ? null : null;
    }
}
