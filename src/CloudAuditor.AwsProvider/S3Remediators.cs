using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using S3Bucket = CloudAuditor.Core.Model.S3Bucket;

namespace CloudAuditor.AwsProvider;

/// <summary>Shared plumbing: the regional client for a bucket, SDK failures as <see cref="RemediationException"/>.</summary>
internal abstract class S3Remediator(Func<string, IAmazonS3> clientForRegion) : IRemediator
{
    public abstract string CheckId { get; }

    public abstract Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken);

    public abstract Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    public abstract Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken);

    public abstract Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken);

    protected IAmazonS3 Client(string region) => clientForRegion(region);

    protected static S3Bucket Bucket(IAuditSubject subject) => subject as S3Bucket ?? throw new RemediationException($"{subject.Resource.Kind} is not an S3 bucket");

    protected static async Task<T> CallAsync<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (AmazonServiceException e)
        {
            throw new RemediationException($"{operation}: {(int)e.StatusCode} {e.ErrorCode}", e);
        }
    }

    protected static T State<T>(string json) => JsonSerializer.Deserialize<T>(json) ?? throw new RemediationException("the journalled state is unreadable");
}

/// <summary>Turns on all four public access block settings; rollback restores the previous block, or removes it if there was none.</summary>
internal sealed class PublicAccessBlockRemediator(string checkId, Func<string, IAmazonS3> clientForRegion) : S3Remediator(clientForRegion)
{
    internal sealed record BlockState(string Bucket, string Region, Core.Model.PublicAccessBlock? Block);

    public override string CheckId => checkId;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var current = await new S3SettingsReader(Client(bucket.Region)).PublicAccessBlockAsync(bucket.Resource.Name, cancellationToken);
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
        var now = await new S3SettingsReader(Client(state.Region)).PublicAccessBlockAsync(state.Bucket, cancellationToken);
        return now.Value?.AllOn == true ? null : $"the public access block reads back as {(now.IsKnown ? "not fully on" : now.Unreadable)}";
    }

    public override async Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken)
    {
        var prior = State<BlockState>(record.PriorState);
        if (prior.Block is null)
            await CallAsync("DeletePublicAccessBlock", () => Client(prior.Region).DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = prior.Bucket }, cancellationToken));
        else
            await PutAsync(prior, cancellationToken);
    }

    private Task PutAsync(BlockState state, CancellationToken cancellationToken) => CallAsync("PutPublicAccessBlock", () => Client(state.Region).PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
    {
        BucketName = state.Bucket,
        PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration
        {
            BlockPublicAcls = state.Block!.BlockPublicAcls, IgnorePublicAcls = state.Block.IgnorePublicAcls,
            BlockPublicPolicy = state.Block.BlockPublicPolicy, RestrictPublicBuckets = state.Block.RestrictPublicBuckets,
        },
    }, cancellationToken));
}

/// <summary>Removes only the AllUsers/AuthenticatedUsers grants from the bucket ACL; the owner's and others' grants stay.</summary>
internal sealed class AclGrantRemediator(Func<string, IAmazonS3> clientForRegion) : S3Remediator(clientForRegion)
{
    internal sealed record Grant(string Type, string? Uri, string? Id, string? Email, string Permission);

    internal sealed record AclState(string Bucket, string Region, string OwnerId, IReadOnlyList<Grant> Grants);

    public override string CheckId => AclPublicGrantCheck.Id;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var acl = await ReadAsync(bucket.Resource.Name, bucket.Region, cancellationToken);
        var kept = acl.Grants.Where(g => !IsPublic(g)).ToList();
        if (kept.Count == acl.Grants.Count) return RemediationPlan.NothingToChange;
        var removed = string.Join(", ", acl.Grants.Where(IsPublic).Select(g => $"{g.Permission} to {GroupName(g)}"));
        return RemediationPlan.Make(new RemediationChange($"remove the public ACL grants ({removed})", JsonSerializer.Serialize(acl), JsonSerializer.Serialize(acl with { Grants = kept })));
    }

    public override Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        PutAsync(State<AclState>(change.NewState), cancellationToken);

    public override async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var state = State<AclState>(change.NewState);
        var now = await ReadAsync(state.Bucket, state.Region, cancellationToken);
        return now.Grants.Any(IsPublic) ? "the ACL still grants access to AllUsers or AuthenticatedUsers" : null;
    }

    public override Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => PutAsync(State<AclState>(record.PriorState), cancellationToken);

    private static bool IsPublic(Grant grant) => S3SettingsReader.ToGrant(ToSdk(grant)).IsPublic;

    private static string GroupName(Grant grant) => S3SettingsReader.ToGrant(ToSdk(grant)).Group.ToString();

    private async Task<AclState> ReadAsync(string bucket, string region, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetBucketAcl", () => Client(region).GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket }, cancellationToken));
        var grants = (response.Grants ?? []).Select(g => new Grant(g.Grantee?.Type?.Value ?? "CanonicalUser", g.Grantee?.URI, g.Grantee?.CanonicalUser, g.Grantee?.EmailAddress, g.Permission?.Value ?? "")).ToList();
        return new AclState(bucket, region, response.Owner?.Id ?? "", grants);
    }

    private Task PutAsync(AclState state, CancellationToken cancellationToken) => CallAsync("PutBucketAcl", () => Client(state.Region).PutBucketAclAsync(new PutBucketAclRequest
    {
        BucketName = state.Bucket,
        AccessControlPolicy = new S3AccessControlList { Owner = new Owner { Id = state.OwnerId }, Grants = state.Grants.Select(ToSdk).ToList() },
    }, cancellationToken));

    private static S3Grant ToSdk(Grant grant) => new()
    {
        Grantee = new S3Grantee { URI = grant.Uri, CanonicalUser = grant.Id, EmailAddress = grant.Email },
        Permission = new S3Permission(grant.Permission),
    };
}

/// <summary>Removes only the public statements from the bucket policy; a policy that is nothing but public statements is left for RestrictPublicBuckets.</summary>
internal sealed class PolicyStatementRemediator(Func<string, IAmazonS3> clientForRegion) : S3Remediator(clientForRegion)
{
    internal sealed record PolicyState(string Bucket, string Region, string Policy);

    public override string CheckId => PolicyPublicPrincipalCheck.Id;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var current = await new S3SettingsReader(Client(bucket.Region)).PolicyAsync(bucket.Resource.Name, cancellationToken);
        if (!current.IsKnown) throw new RemediationException(current.Unreadable!);
        if (current.Value is not { } policy || !policy.PublicStatements.Any()) return RemediationPlan.NothingToChange;
        if (policy.WithoutPublicStatements() is not { } rewritten)
            return RemediationPlan.Decline("every statement of the policy is public, so removing them would delete the whole policy; it is left in place (turn on RestrictPublicBuckets instead)");
        var sids = string.Join(", ", policy.PublicStatements.Select(s => s.Sid ?? "(no Sid)"));
        return RemediationPlan.Make(new RemediationChange($"remove the public bucket policy statements ({sids})",
            JsonSerializer.Serialize(new PolicyState(bucket.Resource.Name, bucket.Region, policy.Json)),
            JsonSerializer.Serialize(new PolicyState(bucket.Resource.Name, bucket.Region, rewritten))));
    }

    public override Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        PutAsync(State<PolicyState>(change.NewState), cancellationToken);

    public override async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var state = State<PolicyState>(change.NewState);
        var now = await new S3SettingsReader(Client(state.Region)).PolicyAsync(state.Bucket, cancellationToken);
        return now.Value?.PublicStatements.Any() == true ? "the policy still has public statements" : null;
    }

    public override Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => PutAsync(State<PolicyState>(record.PriorState), cancellationToken);

    private Task PutAsync(PolicyState state, CancellationToken cancellationToken) => CallAsync("PutBucketPolicy", () =>
        Client(state.Region).PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = state.Bucket, Policy = state.Policy }, cancellationToken));
}
