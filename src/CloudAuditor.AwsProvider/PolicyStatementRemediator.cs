using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AwsProvider;

/// <summary>Removes only the public statements from the bucket policy; a policy that is nothing but public statements is left for
/// RestrictPublicBuckets.</summary>
internal sealed class PolicyStatementRemediator(Func<string, IAmazonS3> clientForRegion, Func<string, S3SettingsReader> settingsForRegion)
    : S3Remediator(clientForRegion, settingsForRegion), IRequiresPermissions
{
    /// <summary>What these calls need.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetBucketPolicy"),
        Permission.Changes("s3:PutBucketPolicy"),
    ];

    internal sealed record PolicyState(string Bucket, string Region, string Policy);

    public override string CheckId => PolicyPublicPrincipalCheck.Id;

    public override async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var bucket = Bucket(subject);
        var current = await Settings(bucket.Region).PolicyAsync(bucket.Resource.Name, cancellationToken);
        if (!current.IsKnown) throw new RemediationException(current.Unreadable!);
        if (current.Value is not { } policy || !policy.PublicStatements.Any()) return RemediationPlan.NothingToChange;
        if (policy.WithoutPublicStatements() is not { } rewritten)
            return RemediationPlan.Decline("every statement of the policy is public, so removing them would delete the whole policy; it is left in place " +
                "(turn on RestrictPublicBuckets instead)");
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
        var now = await Settings(state.Region).PolicyAsync(state.Bucket, cancellationToken);
        return now.Value?.PublicStatements.Any() == true ? "the policy still has public statements" : null;
    }

    public override Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken)
        => PutAsync(State<PolicyState>(record.PriorState), cancellationToken);

    private Task PutAsync(PolicyState state, CancellationToken cancellationToken) => CallAsync("PutBucketPolicy", () =>
        Client(state.Region).PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = state.Bucket, Policy = state.Policy }, cancellationToken));
}
