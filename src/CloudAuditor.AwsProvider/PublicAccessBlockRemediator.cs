using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>Turns on all four public access block settings; rollback restores the previous block, or removes it if there was none.</summary>
internal sealed class PublicAccessBlockRemediator(string checkId, Func<string, IAmazonS3> clientForRegion,
    Func<string, S3SettingsReader> settingsForRegion) : S3Remediator(clientForRegion, settingsForRegion), IRequiresPermissions
{
    /// <summary>Put (and, on rollback of a block that did not exist, Delete, which s3:PutBucketPublicAccessBlock authorises).</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetBucketPublicAccessBlock"),
        Permission.Changes("s3:PutBucketPublicAccessBlock"),
    ];

    internal sealed record BlockState(string Bucket, string Region, Core.Model.PublicAccessBlock? Block);

    public override string CheckId => checkId;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var current = await Settings(bucket.Region).PublicAccessBlockAsync(bucket.Resource.Name, cancellationToken);
        if (!current.IsKnown) throw new RemediationException(current.Unreadable!);
        if (current.Value?.AllOn == true) return RemediationPlan.NothingToChange;
        return RemediationPlan.Make(new RemediationChange("turn on all four S3 public access block settings",
            JsonSerializer.Serialize(new BlockState(bucket.Resource.Name, bucket.Region, current.Value)),
            JsonSerializer.Serialize(new BlockState(bucket.Resource.Name, bucket.Region, new Core.Model.PublicAccessBlock(true, true, true, true)))));
    }

    public override Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        PutAsync(State<BlockState>(change.NewState), cancellationToken);

    public override async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var state = State<BlockState>(change.NewState);
        var now = await Settings(state.Region).PublicAccessBlockAsync(state.Bucket, cancellationToken);
        return now.Value?.AllOn == true ? null : $"the public access block reads back as {(now.IsKnown ? "not fully on" : now.Unreadable)}";
    }

    public override async Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken)
    {
        var prior = State<BlockState>(record.PriorState);
        if (prior.Block is not null)
        {
            await PutAsync(prior, cancellationToken);
            return;
        }
        var delete = new DeletePublicAccessBlockRequest { BucketName = prior.Bucket };
        await CallAsync("DeletePublicAccessBlock", () => Client(prior.Region).DeletePublicAccessBlockAsync(delete, cancellationToken));
    }

    private Task PutAsync(BlockState state, CancellationToken cancellationToken) => CallAsync("PutPublicAccessBlock",
        () => Client(state.Region).PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
    {
        BucketName = state.Bucket,
        PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
        {
            BlockPublicAcls = state.Block!.BlockPublicAcls,
            IgnorePublicAcls = state.Block.IgnorePublicAcls,
            BlockPublicPolicy = state.Block.BlockPublicPolicy,
            RestrictPublicBuckets = state.Block.RestrictPublicBuckets,
        },
    }, cancellationToken));
}
