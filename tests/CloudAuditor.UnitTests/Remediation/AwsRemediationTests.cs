using CloudAuditor.AwsProvider;
using CloudAuditor.Core.Config;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.UnitTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace CloudAuditor.UnitTests.Remediation;

/// <summary>The S3 remediators through AWSSDK.S3 over recorded control-plane documents: plan, apply, verify, roll back.</summary>
public class AwsRemediationTests
{
    private static IRemediator Remediator(HttpMessageHandler s3, string checkId, int maxRetries = 5)
    {
        var target = new AwsTarget { Name = "prod", Region = "us-east-1", AccessKeyId = "AKIAIOSFODNN7EXAMPLE",
            SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", AccountId = "111122223333", Buckets = ["acme-public-site"] };
        var config = new AuditorConfig { Aws = [target], Sweep = new SweepSettings { MaxRetries = maxRetries } };
        var inventory = new AwsInventoryFactory(sweep => new AwsClientFactory(sweep) { Handler = s3 }, NullLoggerFactory.Instance).Create(config).Single();
        return inventory.Remediators.First(r => r.CheckId == checkId);
    }

    private static S3Bucket Bucket => Subjects.Bucket() with { Resource = new ResourceRef("arn:aws:s3:::acme-public-site", "s3-bucket",
        "acme-public-site") { Bucket = "acme-public-site" } };

    private static RemediationRecord Journal(RemediationChange change, string checkId) => new()
    {
        Id = "rem-1",
        Target = "prod",
        CheckId = checkId,
        Fingerprint = "f",
        ResourceId = "arn:aws:s3:::acme-public-site",
        Action = change.Action,
        PriorState = change.PriorState,
        NewState = change.NewState,
        Status = RemediationStatus.Verified,
        CreatedAt = DateTimeOffset.UtcNow,
    };

    private static async Task<RemediationChange> FixAsync(IRemediator remediator)
    {
        var change = (await remediator.PlanAsync(Bucket, CancellationToken.None)).Change;
        Assert.NotNull(change);
        await remediator.ApplyAsync(Bucket, change, CancellationToken.None);
        Assert.Null(await remediator.VerifyAsync(Bucket, change, CancellationToken.None));
        Assert.Same(RemediationPlan.NothingToChange, await remediator.PlanAsync(Bucket, CancellationToken.None));
        return change;
    }

    [Fact]
    public async Task Public_access_block_is_turned_fully_on_and_rolled_back_to_what_it_was()
    {
        var s3 = new S3ControlPlaneReplay(null, null, "aws/pab-all-off.xml");
        var remediator = Remediator(s3, "aws.s3.public-access-block");
        var change = await FixAsync(remediator);
        Assert.Equal(4, s3.Writes.Single().Body.Split("true").Length - 1);

        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Contains("<BlockPublicAcls>false</BlockPublicAcls>", s3.Current("publicAccessBlock"));
    }

    [Fact]
    public async Task A_block_that_did_not_exist_is_deleted_again_on_rollback()
    {
        var s3 = new S3ControlPlaneReplay(null, null, null);
        var remediator = Remediator(s3, "aws.s3.anonymous-access");
        var change = await FixAsync(remediator);
        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Equal("DELETE", s3.Writes.Last().Method);
        Assert.Null(s3.Current("publicAccessBlock"));
    }

    [Fact]
    public async Task Only_the_public_acl_grants_are_removed_and_rollback_restores_them()
    {
        var s3 = new S3ControlPlaneReplay("aws/acl-allusers-read.xml", null, null);
        var remediator = Remediator(s3, "aws.s3.acl-public-grant");
        var change = await FixAsync(remediator);
        var put = s3.Writes.Single().Body;
        Assert.DoesNotContain("AllUsers", put);
        Assert.Contains("LogDelivery", put);
        Assert.Contains("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", put);
        Assert.Contains("READ to AllUsers", change.Action);

        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Contains("http://acs.amazonaws.com/groups/global/AllUsers", s3.Current("acl"));
    }

    [Fact]
    public async Task Public_grants_are_removed_from_the_objects_the_sample_found_and_rollback_restores_them()
    {
        var s3 = new S3ControlPlaneReplay("aws/acl-allusers-read.xml", null, null);
        var remediator = Remediator(s3, "aws.s3.object-acl-public");
        var bucket = Bucket with
        {
            ObjectAcls = Observed<ObjectAclSample>.Of(new ObjectAclSample(5, 2, [new ObjectAclExposure("b/shared.png",
                [Subjects.AllUsers("READ")])])),
        };
        var change = (await remediator.PlanAsync(bucket, CancellationToken.None)).Change!;
        Assert.Equal("remove the public grants from the ACLs of 1 object(s)", change.Action);
        await remediator.ApplyAsync(bucket, change, CancellationToken.None);
        Assert.Null(await remediator.VerifyAsync(bucket, change, CancellationToken.None));
        Assert.DoesNotContain("AllUsers", s3.Current("acl"), StringComparison.Ordinal);
        Assert.Same(RemediationPlan.NothingToChange, await remediator.PlanAsync(bucket, CancellationToken.None));

        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Contains("http://acs.amazonaws.com/groups/global/AllUsers", s3.Current("acl"), StringComparison.Ordinal);
        Assert.All(s3.Writes, w => Assert.Equal(("PUT", "acl"), (w.Method, w.SubResource)));
    }

    [Fact]
    public async Task The_account_block_is_turned_on_through_S3_Control_and_rollback_deletes_the_one_that_was_not_there()
    {
        var control = new S3ControlReplay(null);
        var remediator = Remediator(control, "aws.account.public-access-block");
        var account = new AwsAccount(AwsAccount.For("111122223333"), Observed<PublicAccessBlock>.Of(null));
        var change = (await remediator.PlanAsync(account, CancellationToken.None)).Change!;
        await remediator.ApplyAsync(account, change, CancellationToken.None);
        Assert.Null(await remediator.VerifyAsync(account, change, CancellationToken.None));
        Assert.Equal(4, control.Current!.Split("true").Length - 1);
        Assert.Same(RemediationPlan.NothingToChange, await remediator.PlanAsync(account, CancellationToken.None));

        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Null(control.Current);
        Assert.Equal(["PUT", "DELETE"], control.Writes);
    }

    [Fact]
    public async Task Only_public_policy_statements_are_removed_and_rollback_puts_the_original_back()
    {
        var s3 = new S3ControlPlaneReplay(null, "aws/policy-public-read.json", null);
        var remediator = Remediator(s3, "aws.s3.policy-public-principal");
        var change = await FixAsync(remediator);
        Assert.DoesNotContain("PublicReadGetObject", s3.Current("policy"));
        Assert.Contains("DenyInsecureTransport", s3.Current("policy"));

        await remediator.RollbackAsync(Journal(change, remediator.CheckId), CancellationToken.None);
        Assert.Equal(Recorded.Read("aws/policy-public-read.json"), s3.Current("policy"));
    }

    [Fact]
    public async Task A_refused_write_is_a_remediation_error_naming_the_operation()
    {
        var s3 = new S3ControlPlaneReplay(null, "aws/policy-public-read.json", null);
        var remediator = Remediator(new RefusingWrites(s3), "aws.s3.policy-public-principal");
        var change = (await remediator.PlanAsync(Bucket, CancellationToken.None)).Change!;
        var e = await Assert.ThrowsAsync<RemediationException>(() => remediator.ApplyAsync(Bucket, change, CancellationToken.None));
        Assert.Equal("PutBucketPolicy: 403 AccessDenied", e.Message);
    }

    [Fact]
    public async Task A_policy_made_only_of_public_statements_is_declined_with_the_reason()
    {
        var onlyPublic = """{"Version":"2012-10-17","Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-public-site/*"}]}""";
        var s3 = new S3ControlPlaneReplay(null, null, null);
        s3.Put("policy", onlyPublic);
        var plan = await Remediator(s3, "aws.s3.policy-public-principal").PlanAsync(Bucket, CancellationToken.None);
        Assert.Null(plan.Change);
        Assert.Contains("every statement of the policy is public", plan.DeclinedBecause);
        Assert.Empty(s3.Writes);
    }

    [Fact]
    public async Task An_acl_fix_whose_re_read_fails_is_journalled_unverified_and_the_target_goes_on()
    {
        var s3 = new S3ControlPlaneReplay("aws/acl-allusers-read.xml", null, null);
        var flaky = new FailingReadsAfterWrite(s3);
        var remediator = Remediator(flaky, "aws.s3.acl-public-grant", maxRetries: 0);
        var journal = new SqliteStateStore(Path.Combine(Path.GetTempPath(), $"ca-{Guid.NewGuid():N}.db"));
        var coordinator = new RemediationCoordinator(new RemediationSettings { Mode = RemediationMode.Enforce, Checks = ["aws.s3.acl-public-grant"] },
            journal, "sweep-test", TimeProvider.System, NullLogger.Instance);
        var finding = new Finding
        {
            Type = FindingType.Exposure,
            CheckId = "aws.s3.acl-public-grant",
            Severity = Severity.High,
            Status = FindingStatus.Fail,
            Cloud = CloudKind.Aws,
            Resource = Bucket.Resource,
            Title = "t",
            Detail = "The ACL grants READ to AllUsers.",
            Fingerprint = "f",
        };
        var result = await coordinator.ProcessAsync(new OneRemediator(remediator), Bucket, finding, CancellationToken.None);
        Assert.Equal(FindingStatus.Fail, result.Status);
        Assert.Contains("could not be re-read (GetBucketAcl: 503 SlowDown)", result.Detail);
        Assert.Equal(RemediationStatus.VerificationFailed, (await journal.GetRemediationAsync(result.Evidence!["remediationId"],
            CancellationToken.None))!.Status);
        journal.Dispose();
    }

    private sealed class OneRemediator(IRemediator remediator) : ITargetInventory
    {
        public string Name => "prod";
        public CloudKind Cloud => CloudKind.Aws;
        public CloudAuditor.Core.Faults.IFaultClassifier Faults => CloudAuditor.Core.Faults.GenericFaults.Instance;
        public IReadOnlyList<IRemediator> Remediators => [remediator];
        public Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>S3 throttles every read once the write is in: the re-read of verification cannot succeed.</summary>
    private sealed class FailingReadsAfterWrite(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private bool _written;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get) _written = true;
            else if (_written) return Task.FromResult(new HttpResponseMessage((System.Net.HttpStatusCode)503)
            {
                Content = new StringContent("<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>",
                    System.Text.Encoding.UTF8, "application/xml"),
            });
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class RefusingWrites(HttpMessageHandler reads) : DelegatingHandler(reads)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.Method == HttpMethod.Get ? base.SendAsync(request, cancellationToken)
            : Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden)
            {
                Content = new StringContent(Recorded.Read("aws/error-access-denied.xml"), System.Text.Encoding.UTF8, "application/xml"),
            });
    }
}
