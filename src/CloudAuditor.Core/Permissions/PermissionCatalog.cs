using System.Reflection;

namespace CloudAuditor.Core.Permissions;

/// <summary>The permissions an assembly's cloud readers and remediators declare, found by reflection as the check catalogue finds checks.</summary>
public static class PermissionCatalog
{
    /// <summary>Each declaring type with its permissions.</summary>
    public static IReadOnlyList<(Type Declarer, IReadOnlyList<Permission> Permissions)> Of(Assembly assembly) =>
        assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRequiresPermissions).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (t, (IReadOnlyList<Permission>)t.GetProperty(nameof(IRequiresPermissions.Permissions),
                BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!))
            .ToList();
}
