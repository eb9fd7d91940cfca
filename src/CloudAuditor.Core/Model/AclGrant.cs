namespace CloudAuditor.Core.Model;

public sealed record AclGrant(AclGranteeGroup Group, string Grantee, string Permission)
{
    public bool IsPublic => Group is AclGranteeGroup.AllUsers or AclGranteeGroup.AuthenticatedUsers;
}
