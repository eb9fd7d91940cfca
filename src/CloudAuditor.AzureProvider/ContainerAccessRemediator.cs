using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using CloudAuditor.Core.Checks.Azure;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Remediation;
using CloudAuditor.Core.State;
using CloudAuditor.Core.Permissions;

namespace CloudAuditor.AzureProvider;

/// <summary>
/// Sets a container's public access to None while keeping its stored access policies (SAS tokens issued against
/// them keep working), verifies by re-reading and by an anonymous request, and restores both on rollback.
/// </summary>
internal sealed class ContainerAccessRemediator(Func<Uri, BlobContainerClient> open, AnonymousBlobProbe probe) : IRemediator, IRequiresPermissions
{
    /// <summary>Get and Set Container ACL (RBAC-authorised since 2025), and a one-blob listing for the anonymous re-probe.</summary>
    public static IReadOnlyList<Permission> Permissions { get; } =
    [
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/getAcl/action"),
        Permission.Changes("Microsoft.Storage/storageAccounts/blobServices/containers/setAcl/action"),
        Permission.Reads("Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"),
    ];

    internal sealed record StoredPolicy(string Id, DateTimeOffset? StartsOn, DateTimeOffset? ExpiresOn, string? Permissions);

    internal sealed record ContainerState(string Url, string PublicAccess, IReadOnlyList<StoredPolicy> Policies);

    public string CheckId => ContainerPublicAccessCheck.Id;

    public async Task<RemediationPlan> PlanAsync(IAuditSubject subject, CancellationToken cancellationToken)
    {
        var url = (subject as AzureContainer)?.Url ?? throw new RemediationException("the container URL is unknown");
        var current = await ReadAsync(url.ToString(), cancellationToken);
        if (current.PublicAccess == nameof(PublicAccessType.None)) return RemediationPlan.NothingToChange;
        return RemediationPlan.Make(new RemediationChange($"set container public access to None (was {current.PublicAccess}), keeping " +
            $"{current.Policies.Count} stored access policies",
            JsonSerializer.Serialize(current), JsonSerializer.Serialize(current with { PublicAccess = nameof(PublicAccessType.None) })));
    }

    public Task ApplyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken) =>
        WriteAsync(Parse(change.NewState), cancellationToken);

    public async Task<string?> VerifyAsync(IAuditSubject subject, RemediationChange change, CancellationToken cancellationToken)
    {
        var expected = Parse(change.NewState);
        var now = await ReadAsync(expected.Url, cancellationToken);
        if (now.PublicAccess != nameof(PublicAccessType.None)) return $"public access reads back as {now.PublicAccess}";
        if (now.Policies.Count != expected.Policies.Count) return "stored access policies changed";
        var blobs = await ProbeBlobs.ChooseAsync(open(new Uri(expected.Url)), cancellationToken);
        var anonymous = await probe.ProbeAsync(new Uri(expected.Url), blobs, cancellationToken);
        return anonymous.ProvedPublic ? $"an anonymous request still succeeds ({anonymous.Summary})" : null;
    }

    public Task RollbackAsync(RemediationRecord record, CancellationToken cancellationToken) => WriteAsync(Parse(record.PriorState), cancellationToken);

    private async Task<ContainerState> ReadAsync(string url, CancellationToken cancellationToken)
    {
        try
        {
            var policy = (await open(new Uri(url)).GetAccessPolicyAsync(cancellationToken: cancellationToken)).Value;
            var stored = policy.SignedIdentifiers.Select(s => new StoredPolicy(s.Id, s.AccessPolicy?.PolicyStartsOn, s.AccessPolicy?.PolicyExpiresOn,
                s.AccessPolicy?.Permissions)).ToList();
            return new ContainerState(url, policy.BlobPublicAccess.ToString(), stored);
        }
        catch (RequestFailedException e)
        {
            throw new RemediationException($"Get Container ACL: {ArmAccountReader.Describe(e)}", e);
        }
    }

    private async Task WriteAsync(ContainerState state, CancellationToken cancellationToken)
    {
        var identifiers = state.Policies.Select(p => new BlobSignedIdentifier
        {
            Id = p.Id,
            AccessPolicy = new BlobAccessPolicy { PolicyStartsOn = p.StartsOn, PolicyExpiresOn = p.ExpiresOn, Permissions = p.Permissions },
        }).ToList();
        try
        {
            await open(new Uri(state.Url)).SetAccessPolicyAsync(Enum.Parse<PublicAccessType>(state.PublicAccess), identifiers,
                cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e)
        {
            throw new RemediationException($"Set Container ACL: {ArmAccountReader.Describe(e)}", e);
        }
    }

    private static ContainerState Parse(string json) => JsonSerializer.Deserialize<ContainerState>(json)
        ?? throw new RemediationException("the journalled state is unreadable");
}
