namespace CloudAuditor.Core.Permissions;

/// <summary>
/// Declared by every type that calls a cloud API with the auditor's identity, next to the calls themselves, so the
/// deployment's roles and policies can be checked against exactly what the code does (tests compare them).
/// </summary>
public interface IRequiresPermissions
{
    static abstract IReadOnlyList<Permission> Permissions { get; }
}
