namespace CloudAuditor.Core.Model;

/// <summary>The bucket's Object Ownership setting; under BucketOwnerEnforced ACLs are disabled and grant nothing.</summary>
public sealed record ObjectOwnership(string Setting)
{
    public const string BucketOwnerEnforced = "BucketOwnerEnforced";

    public bool AclsDisabled => Setting == BucketOwnerEnforced;
}
