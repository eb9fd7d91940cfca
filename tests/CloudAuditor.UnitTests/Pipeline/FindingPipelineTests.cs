using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Exemptions;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Owners;
using CloudAuditor.Core.Pipeline;
using CloudAuditor.UnitTests.Support;

namespace CloudAuditor.UnitTests.Pipeline;

public class FindingPipelineTests
{
    private sealed class Target : ITargetInventory
    {
        public string Name => "prod";
        public CloudKind Cloud => CloudKind.Azure;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Records what reached it, to prove the order of the stages before it.</summary>
    private sealed class RecordingStage : IFindingStage
    {
        public List<Finding> Seen { get; } = [];

        public ValueTask<Finding> ProcessAsync(ITargetInventory target, IAuditSubject subject, Finding finding, CancellationToken cancellationToken)
        {
            Seen.Add(finding);
            return ValueTask.FromResult(finding);
        }
    }

    private static readonly OwnerStage Owners = new(new OwnerResolver(new OwnerSettings { Default = "security@contoso.example" }));

    private static AzureContainer Public(Dictionary<string, string>? metadata = null) =>
        Subjects.Container(ContainerAccessLevel.Blob, Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true }) with { Metadata = metadata ?? [] };

    private static Finding FindingOf(AzureContainer container) => CheckCatalog.Default.Evaluate(container).Single();

    [Fact]
    public async Task An_exempt_finding_reaches_remediation_already_exempt_and_with_its_owner()
    {
        var remediation = new RecordingStage();
        var pipeline = new FindingPipeline([new ExemptionStage(new ExemptionPolicy([], TimeProvider.System)), Owners, remediation]);
        var container = Public(new() { ["cloudauditor_exempt"] = "*||public by design" });
        var finding = await pipeline.ProcessAsync(new Target(), container, FindingOf(container), CancellationToken.None);
        Assert.Equal(FindingStatus.Exempt, remediation.Seen.Single().Status);
        Assert.Equal("security@contoso.example", remediation.Seen.Single().Owner);
        Assert.Contains("Exempt (cloudauditor_exempt tag): public by design.", finding.Detail);
    }

    [Fact]
    public async Task The_owner_stage_names_owners_of_everything_but_passes()
    {
        var failing = FindingOf(Public());
        Assert.Equal("security@contoso.example", (await Owners.ProcessAsync(new Target(), Public(), failing, CancellationToken.None)).Owner);
        var pass = failing with { Status = FindingStatus.Pass };
        Assert.Null((await Owners.ProcessAsync(new Target(), Public(), pass, CancellationToken.None)).Owner);
    }

    [Fact]
    public async Task The_exemption_stage_leaves_findings_that_are_not_failing_alone()
    {
        var container = Public(new() { ["cloudauditor_exempt"] = "*||public by design" });
        var error = FindingOf(container) with { Status = FindingStatus.Error };
        var stage = new ExemptionStage(new ExemptionPolicy([], TimeProvider.System));
        Assert.Same(error, await stage.ProcessAsync(new Target(), container, error, CancellationToken.None));
    }
}
