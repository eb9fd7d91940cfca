using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Removes the AllUsers/AuthenticatedUsers grants from the objects the ACL sample found public (read again first); the owner's
/// and other grants stay. One journalled change per bucket holds every object's prior ACL, so rollback restores each.
/// </summary>
internal sealed class ObjectAclRemediator(Func<string, IAmazonS3> clientForRegion, Func<string, S3SettingsReader> settingsForRegion)
    : S3Remediator(clientForRegion, settingsForRegion), IRequiresPermissions
{
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetObjectAcl"),
        Permission.Changes("s3:PutObjectAcl"),
    ];

    internal sealed record ObjectAcl(string Key, AclGrantRemediator.AclState Acl);

    internal sealed record ObjectsState(string Bucket, string Region, IReadOnlyList<ObjectAcl> Objects);

    public override string CheckId => ObjectAclPublicCheck.Id;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var keys = bucket.ObjectAcls.Value?.Public.Select(o => o.Key).ToList() ?? [];
        var prior = new List<ObjectAcl>();
        foreach (var key in keys)
        {
            var acl = await ReadAsync(bucket.Resource.Name, bucket.Region, key, cancellationToken);
            if (acl.Grants.Any(AclGrantRemediator.IsPublic)) prior.Add(new ObjectAcl(key, acl));
        }
        if (prior.Count == 0) return RemediationPlan.NothingToChange;
        var fixedAcls = prior.Select(o => o with { Acl = o.Acl with { Grants = [.. o.Acl.Grants.Where(g => !AclGrantRemediator.IsPublic(g))] } }).ToList();
        return RemediationPlan.Make(new RemediationChange($"remove the public grants from the ACLs of {prior.Count} object(s)",
            JsonSerializer.Serialize(new ObjectsState(bucket.Resource.Name, bucket.Region, prior)),
            JsonSerializer.Serialize(new ObjectsState(bucket.Resource.Name, bucket.Region, fixedAcls))));
    }

    public override Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        PutAsync(State<ObjectsState>(change.NewState), cancellationToken);

    public override async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var state = State<ObjectsState>(change.NewState);
        var still = new List<string>();
        foreach (var o in state.Objects)
            if ((await ReadAsync(state.Bucket, state.Region, o.Key, cancellationToken)).Grants.Any(AclGrantRemediator.IsPublic)) still.Add(o.Key);
        return still.Count == 0 ? null : $"{still.Count} object ACL(s) still grant public access";
    }

    public override Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) =>
        PutAsync(State<ObjectsState>(record.PriorState), cancellationToken);

    private async Task<AclGrantRemediator.AclState> ReadAsync(string bucket, string region, string key, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetObjectAcl", () => Client(region).GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key },
            cancellationToken));
        return new AclGrantRemediator.AclState(bucket, region, response.Owner?.Id ?? "", (response.Grants ?? []).Select(AclGrantRemediator.FromSdk).ToList());
    }

    private async Task PutAsync(ObjectsState state, CancellationToken cancellationToken)
    {
        foreach (var o in state.Objects)
            await CallAsync("PutObjectAcl", () => Client(state.Region).PutObjectAclAsync(new PutObjectAclRequest
            {
                BucketName = state.Bucket,
                Key = o.Key,
                AccessControlPolicy = AclGrantRemediator.ToSdk(o.Acl),
            }, cancellationToken));
    }
}
