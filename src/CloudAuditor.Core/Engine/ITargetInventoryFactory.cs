using CloudAuditor.Core.Config;

namespace CloudAuditor.Core.Engine;

/// <summary>Turns the configured targets of one cloud into inventories; hosts register one per cloud.</summary>
public interface ITargetInventoryFactory
{
    IEnumerable<ITargetInventory> Create(AuditorConfig config);
}
