using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>Sets allowBlobPublicAccess to false on the account with an ARM PATCH of that one property, and back on rollback.</summary>
internal sealed class AccountPublicAccessRemediator(ArmAccountReader reader, HttpPipeline arm, string armEndpoint) : IRemediator, IRequiresPermissions
{
    /// <summary>GET and PATCH of the account (PATCH of one property, but ARM authorises it as any account write).</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/read"),
        Permission.Changes("Microsoft.Storage/storageAccounts/write"),
    ];

    internal sealed record AccountState(string ResourceId, bool AllowBlobPublicAccess);

    public string CheckId => AccountAllowsBlobPublicAccessCheck.Id;

    public async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var current = await ReadAsync(subject.Resource.Id, cancellationToken);
        if (!current.AllowBlobPublicAccess) return RemediationPlan.NothingToChange;
        return RemediationPlan.Make(new RemediationChange("set allowBlobPublicAccess to false on the storage account",
            JsonSerializer.Serialize(current), JsonSerializer.Serialize(current with { AllowBlobPublicAccess = false })));
    }

    public Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
        => PatchAsync(Parse(change.NewState), cancellationToken);

    public async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        (await ReadAsync(subject.Resource.Id, cancellationToken)).AllowBlobPublicAccess ? "allowBlobPublicAccess reads back as true" : null;

    public Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => PatchAsync(Parse(record.PriorState), cancellationToken);

    private async Task<AccountState> ReadAsync(string resourceId, CancellationToken cancellationToken)
    {
        try
        {
            var account = await reader.ReadAsync(resourceId, cancellationToken);
            return new AccountState(resourceId, account.Settings.AllowBlobPublicAccess);
        }
        catch (TargetUnreachableException e)
        {
            throw new RemediationException(e.Message, e);
        }
    }

    private async Task PatchAsync(AccountState state, CancellationToken cancellationToken)
    {
        using var message = arm.CreateMessage();
        message.Request.Method = RequestMethod.Patch;
        message.Request.Uri.Reset(new Uri($"{armEndpoint.TrimEnd('/')}{state.ResourceId}?api-version={AzureClientFactory.StorageAccountApiVersion}"));
        message.Request.Headers.Add("Content-Type", "application/json");
        var body = new { properties = new { allowBlobPublicAccess = state.AllowBlobPublicAccess } };
        message.Request.Content = RequestContent.Create(BinaryData.FromObjectAsJson(body));
        await arm.SendAsync(message, cancellationToken);
        if (message.Response.IsError) throw new RemediationException($"PATCH storage account: {ArmAccountReader.Describe(message.Response)}");
    }

    private static AccountState Parse(string json) => JsonSerializer.Deserialize<AccountState>(json)
        ?? throw new RemediationException("the journalled state is unreadable");
}
