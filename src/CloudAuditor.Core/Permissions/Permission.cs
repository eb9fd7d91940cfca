namespace CloudAuditor.Core.Permissions;

/// <summary>
/// One API permission the auditor needs: an AWS IAM action ("s3:GetBucketAcl"), an Azure RBAC action or data action
/// ("Microsoft.Storage/storageAccounts/read"), or a Microsoft Graph application permission ("User.Read.All").
/// </summary>
public sealed record Permission(string Action, PermissionEffect Effect)
{
    public static Permission Reads(string action) => new(action, PermissionEffect.Reads);

    public static Permission Changes(string action) => new(action, PermissionEffect.Changes);

    /// <summary>Azure role definitions list blob operations under dataActions, everything else under actions.</summary>
    public bool IsAzureDataAction => Action.Contains("/blobServices/containers/blobs/", StringComparison.Ordinal);
}
