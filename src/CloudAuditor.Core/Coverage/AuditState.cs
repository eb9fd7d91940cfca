namespace CloudAuditor.Core.Coverage;

/// <summary>The definite state every resource in scope ends a sweep in.</summary>
public enum AuditState
{
    Audited,

    /// <summary>Audited, but some of its settings (or, for an object, some of its content) could not be read.</summary>
    Partial,

    NotAudited,
}
