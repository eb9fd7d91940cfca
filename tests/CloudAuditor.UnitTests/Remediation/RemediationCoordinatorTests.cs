using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Remediation;

public sealed class RemediationCoordinatorTests : IDisposable
{
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.db");
    private readonly SqliteStateStore _journal;

    public RemediationCoordinatorTests() => _journal = new SqliteStateStore(_db);

    public void Dispose()
    {
        _journal.Dispose();
        File.Delete(_db);
    }

    /// <summary>A remediator that does what it is told and records what it was asked: the seam under test is the coordinator.</summary>
    private sealed class FakeRemediator(string checkId) : IRemediator
    {
        public bool NothingToChange { get; init; }
        public string? ApplyFails { get; init; }
        public string? VerifyProblem { get; init; }
        public int Applied { get; private set; }

        public string CheckId => checkId;

        public string? Declines { get; init; }
        public string? VerifyCannotRead { get; init; }

        public Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken) =>
            Task.FromResult(NothingToChange ? RemediationPlan.NothingToChange
                : Declines is { } reason ? RemediationPlan.Decline(reason)
                : RemediationPlan.Make(new RemediationChange("close it", "{\"open\":true}", "{\"open\":false}")));

        public Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
        {
            if (ApplyFails is not null) throw new RemediationException(ApplyFails);
            Applied++;
            return Task.CompletedTask;
        }

        public Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
            VerifyCannotRead is { } failure ? throw new RemediationException(failure) : Task.FromResult(VerifyProblem);

        public Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Target(params IRemediator[] remediators) : ITargetInventory
    {
        public string Name => "prod";
        public CloudKind Cloud => CloudKind.Azure;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public IReadOnlyList<IRemediator> Remediators => remediators;
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static AzureContainer PublicContainer(string name = "data") =>
        Subjects.Container(ContainerAccessLevel.Blob, Subjects.SafeAccountSettings with { AllowBlobPublicAccess = true }) with
        {
            Resource = new ResourceRef($"https://acct.blob.core.windows.net/{name}", "blob-container", name) { Account = "acct", Container = name },
        };

    private RemediationCoordinator Coordinator(RemediationMode mode, int maxChanges = 10, params string[] checks) => new(
        new RemediationSettings { Mode = mode, Checks = [.. checks],
            MaxChanges = maxChanges }, _journal, $"sweep-{Guid.NewGuid():N}", TimeProvider.System, NullLogger.Instance);

    private static async Task<Finding> RunAsync(RemediationCoordinator coordinator, ITargetInventory target, AzureContainer subject) =>
        await coordinator.ProcessAsync(target, subject, CheckCatalog.Default.Evaluate(subject).Single(), CancellationToken.None);

    private const string Check = "azure.container.public-access";

    [Fact]
    public async Task Audit_mode_changes_nothing()
    {
        var remediator = new FakeRemediator(Check);
        var finding = await RunAsync(Coordinator(RemediationMode.Audit, 10, Check), new Target(remediator), PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(0, remediator.Applied);
    }

    [Fact]
    public async Task Enforce_mode_touches_only_opted_in_checks()
    {
        var remediator = new FakeRemediator(Check);
        var finding = await RunAsync(Coordinator(RemediationMode.Enforce, 10, "aws.s3.acl-public-grant"), new Target(remediator), PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(0, remediator.Applied);
    }

    [Fact]
    public async Task Remediation_is_journalled_with_the_prior_state_then_verified()
    {
        var finding = await RunAsync(Coordinator(RemediationMode.Enforce, 10, Check), new Target(new FakeRemediator(Check)), PublicContainer());

        Assert.Equal(FindingStatus.Remediated, finding.Status);
        var id = finding.Evidence!["remediationId"];
        Assert.Matches("^rem-[0-9]{14}-[0-9a-f]{8}$", id);
        var record = await _journal.GetRemediationAsync(id, CancellationToken.None);
        Assert.Equal(RemediationStatus.Verified, record!.Status);
        Assert.Equal("{\"open\":true}", record.PriorState);
        Assert.Equal("prod", record.Target);
        Assert.Equal(finding.Fingerprint, record.Fingerprint);
    }

    [Fact]
    public async Task A_failed_apply_is_journalled_and_the_finding_stays_open()
    {
        var finding = await RunAsync(Coordinator(RemediationMode.Enforce, 10, Check),
            new Target(new FakeRemediator(Check) { ApplyFails = "Set Container ACL: 403 AuthorizationFailure" }), PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("403 AuthorizationFailure", finding.Detail);
        var record = await _journal.GetRemediationAsync(finding.Evidence!["remediationId"], CancellationToken.None);
        Assert.Equal(RemediationStatus.Failed, record!.Status);
    }

    [Fact]
    public async Task An_unverified_fix_is_not_reported_as_remediated()
    {
        var finding = await RunAsync(Coordinator(RemediationMode.Enforce, 10, Check),
            new Target(new FakeRemediator(Check) { VerifyProblem = "an anonymous request still succeeds" }), PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Equal(RemediationStatus.VerificationFailed, (await _journal.GetRemediationAsync(finding.Evidence!["remediationId"],
            CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task The_blast_radius_limit_stops_changes_and_says_so()
    {
        var coordinator = Coordinator(RemediationMode.Enforce, 1, Check);
        var target = new Target(new FakeRemediator(Check));
        var first = await RunAsync(coordinator, target, PublicContainer("a"));
        var second = await RunAsync(coordinator, target, PublicContainer("b"));
        Assert.Equal(FindingStatus.Remediated, first.Status);
        Assert.Equal(FindingStatus.Fail, second.Status);
        Assert.Contains("limit of 1 changes per run", second.Detail);
    }

    [Fact]
    public async Task Nothing_to_change_uses_no_blast_radius_and_writes_no_journal()
    {
        var coordinator = Coordinator(RemediationMode.Enforce, 1, Check);
        var idle = await RunAsync(coordinator, new Target(new FakeRemediator(Check) { NothingToChange = true }), PublicContainer("a"));
        Assert.Null(idle.Evidence?.GetValueOrDefault("remediationId"));
        Assert.Equal(0, coordinator.Changes);
        Assert.Equal(FindingStatus.Remediated, (await RunAsync(coordinator, new Target(new FakeRemediator(Check)), PublicContainer("b"))).Status);
    }

    [Fact]
    public async Task A_result_that_cannot_be_re_read_is_journalled_as_unverified_not_a_failed_target()
    {
        var finding = await RunAsync(Coordinator(RemediationMode.Enforce, 10, Check),
            new Target(new FakeRemediator(Check) { VerifyCannotRead = "GetBucketAcl: 503 SlowDown" }), PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.Contains("not verified: the result could not be re-read (GetBucketAcl: 503 SlowDown)", finding.Detail);
        var record = await _journal.GetRemediationAsync(finding.Evidence!["remediationId"], CancellationToken.None);
        Assert.Equal(RemediationStatus.VerificationFailed, record!.Status);
    }

    [Fact]
    public async Task A_declined_change_is_worded_as_declined_not_as_a_read_failure()
    {
        var coordinator = Coordinator(RemediationMode.Enforce, 1, Check);
        var finding = await RunAsync(coordinator, new Target(new FakeRemediator(Check) { Declines = "every statement of the policy is public" }),
            PublicContainer());
        Assert.Equal(FindingStatus.Fail, finding.Status);
        Assert.EndsWith("Not remediated: every statement of the policy is public.", finding.Detail);
        Assert.DoesNotContain("could not be read", finding.Detail);
        Assert.Equal(0, coordinator.Changes);
    }
}
