using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Engine;

/// <summary>Receives what a provider reads, as it reads it, so large estates stream instead of piling up in memory.</summary>
public interface IInventorySink
{
    ValueTask SubjectAsync(IAuditSubject subject, CancellationToken cancellationToken);

    /// <summary>A resource that could not be read; the provider goes on with the next one.</summary>
    ValueTask ErrorAsync(Finding error, CancellationToken cancellationToken);

    /// <summary>Offers a container's objects for content sampling (after the container itself was sent as a subject).</summary>
    ValueTask ObjectsAsync(IAuditSubject container, IObjectStore store, CancellationToken cancellationToken);
}

/// <summary>One configured target (an account, a subscription, an AWS account) that a provider can inventory.</summary>
public interface ITargetInventory
{
    string Name { get; }
    CloudKind Cloud { get; }

    /// <exception cref="TargetUnreachableException">The target as a whole could not be reached.</exception>
    Task InventoryAsync(IInventorySink sink, CancellationToken cancellationToken);

    /// <summary>What this target can fix, with its own clients and credentials.</summary>
    IReadOnlyList<Remediation.IRemediator> Remediators => [];
}

/// <summary>Turns the configured targets of one cloud into inventories; hosts register one per cloud.</summary>
public interface ITargetInventoryFactory
{
    IEnumerable<ITargetInventory> Create(AuditorConfig config);
}

/// <summary>The whole target failed (DNS, refused connection, bad credentials): exit code 3 territory.</summary>
public sealed class TargetUnreachableException(string message, Exception? inner = null) : Exception(message, inner);
