namespace CloudAuditor.Core.Permissions;

public enum PermissionEffect
{
    /// <summary>Reads settings or data; belongs in the read-only role.</summary>
    Reads,

    /// <summary>Changes something; belongs only in the remediation role.</summary>
    Changes,
}
