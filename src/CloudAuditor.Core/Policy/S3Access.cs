namespace CloudAuditor.Core.Policy;

/// <summary>What a grant lets its holder do with the bucket, in the terms a data owner asks about.</summary>
[Flags]
public enum S3Access
{
    None = 0,
    /// <summary>Read object contents (GetObject and friends).</summary>
    Read = 1,
    /// <summary>Enumerate keys (ListBucket, ListBucketVersions, multipart listings).</summary>
    List = 2,
    /// <summary>Create, overwrite or delete objects, or change how they are kept.</summary>
    Write = 4,
    /// <summary>Change who has access: policies, ACLs, public access block, ownership.</summary>
    ManagePermissions = 8,
    /// <summary>Read the bucket's configuration, ACLs and metadata, not object contents.</summary>
    ReadConfiguration = 16,
}
