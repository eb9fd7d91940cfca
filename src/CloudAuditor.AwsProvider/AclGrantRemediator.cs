using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>Removes only the AllUsers/AuthenticatedUsers grants from the bucket ACL; the owner's and others' grants stay.</summary>
internal sealed class AclGrantRemediator(Func<string, IAmazonS3> clientForRegion, Func<string, S3SettingsReader> settingsForRegion)
    : S3Remediator(clientForRegion, settingsForRegion), IRequiresPermissions
{
    /// <summary>What these calls need.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetBucketAcl"),
        Permission.Changes("s3:PutBucketAcl"),
    ];

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
        return RemediationPlan.Make(new RemediationChange($"remove the public ACL grants ({removed})", JsonSerializer.Serialize(acl),
            JsonSerializer.Serialize(acl with { Grants = kept })));
    }

    public override Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        PutAsync(State<AclState>(change.NewState), cancellationToken);

    public override async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var state = State<AclState>(change.NewState);
        var now = await ReadAsync(state.Bucket, state.Region, cancellationToken);
        return now.Grants.Any(IsPublic) ? "the ACL still grants access to AllUsers or AuthenticatedUsers" : null;
    }

    public override Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken)
        => PutAsync(State<AclState>(record.PriorState), cancellationToken);

    internal static bool IsPublic(Grant grant) => Model(grant).IsPublic;

    internal static Grant FromSdk(S3Grant g) =>
        new(g.Grantee?.Type?.Value ?? "CanonicalUser", g.Grantee?.URI, g.Grantee?.CanonicalUser, g.Grantee?.EmailAddress, g.Permission?.Value ?? "");

    internal static S3AccessControlList ToSdk(AclState state) =>
        new() { Owner = new Owner { Id = state.OwnerId }, Grants = state.Grants.Select(ToSdk).ToList() };

    private static string GroupName(Grant grant) => Model(grant).Group.ToString();

    private static AclGrant Model(Grant grant) => S3SettingsXml.Grant(grant.Uri, grant.Id, grant.Email, grant.Permission);

    private async Task<AclState> ReadAsync(string bucket, string region, CancellationToken cancellationToken)
    {
        var response = await CallAsync("GetBucketAcl", () => Client(region).GetBucketAclAsync(new GetBucketAclRequest { BucketName = bucket },
            cancellationToken));
        return new AclState(bucket, region, response.Owner?.Id ?? "", (response.Grants ?? []).Select(FromSdk).ToList());
    }

    private Task PutAsync(AclState state, CancellationToken cancellationToken) => CallAsync("PutBucketAcl",
        () => Client(state.Region).PutBucketAclAsync(new PutBucketAclRequest
    {
        BucketName = state.Bucket,
        AccessControlPolicy = ToSdk(state),
    }, cancellationToken));

    private static S3Grant ToSdk(Grant grant) => new()
    {
        Grantee = new S3Grantee { URI = grant.Uri, CanonicalUser = grant.Id, EmailAddress = grant.Email },
        Permission = new S3Permission(grant.Permission),
    };
}
