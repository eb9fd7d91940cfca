namespace CloudAuditor.Core.Model;

public sealed record AclList(IReadOnlyList<AclGrant> Grants);
