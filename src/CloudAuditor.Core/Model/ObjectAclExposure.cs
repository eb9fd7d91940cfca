namespace CloudAuditor.Core.Model;

/// <summary>One sampled object whose ACL grants access to everyone or to every AWS account.</summary>
public sealed record ObjectAclExposure(string Key, IReadOnlyList<AclGrant> Grants);
