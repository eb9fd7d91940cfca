using System.Text.Json;
using CloudAuditor.Core.Checks.Aws;
using CloudAuditor.Core.Faults;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Permissions;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;

namespace CloudAuditor.AwsProvider;

/// <summary>
/// Turns on all four account-level Block Public Access settings through S3 Control; rollback restores the previous block, or
/// deletes it if there was none. Opt-in like every remediation, and the widest one: it applies to every bucket in the account.
/// </summary>
internal sealed class AccountPublicAccessBlockRemediator(S3ControlClient control) : IRemediator, IRequiresPermissions
{
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("s3:GetAccountPublicAccessBlock"),
        Permission.Changes("s3:PutAccountPublicAccessBlock"),
    ];

    internal sealed record AccountBlockState(string AccountId, PublicAccessBlock? Block);

    public string CheckId => AccountPublicAccessBlockCheck.Id;

    public async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var accountId = (subject as AwsAccount)?.Resource.Account ?? throw new RemediationException($"{subject.Resource.Kind} is not an AWS account");
        var current = await control.ReadAsync(accountId, cancellationToken);
        if (!current.IsKnown) throw new RemediationException($"the account's current block could not be read ({current.Unreadable})");
        if (current.Value?.AllOn == true) return RemediationPlan.NothingToChange;
        return RemediationPlan.Make(new RemediationChange("turn on all four account-level S3 Block Public Access settings",
            JsonSerializer.Serialize(new AccountBlockState(accountId, current.Value)),
            JsonSerializer.Serialize(new AccountBlockState(accountId, new PublicAccessBlock(true, true, true, true)))));
    }

    public Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        WriteAsync(State(change.NewState), cancellationToken);

    public async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var now = await control.ReadAsync(State(change.NewState).AccountId, cancellationToken);
        return now.Value?.AllOn == true ? null : $"the account's block reads back as {(now.IsKnown ? "not fully on" : now.Unreadable)}";
    }

    public Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => WriteAsync(State(record.PriorState), cancellationToken);

    private async Task WriteAsync(AccountBlockState state, CancellationToken cancellationToken)
    {
        try
        {
            await control.WriteAsync(state.AccountId, state.Block, cancellationToken);
        }
        catch (FaultException e)
        {
            throw new RemediationException(e.Fault.Reason, e);
        }
    }

    private static AccountBlockState State(string json) =>
        JsonSerializer.Deserialize<AccountBlockState>(json) ?? throw new RemediationException("the journalled state is unreadable");
}
