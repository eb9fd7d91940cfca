namespace CloudAuditor.Core.Policy;

/// <summary>
/// The S3 actions a statement can grant, sorted into what they let a caller do. AWS counts as "bad actions" (able to expose
/// data) s3:Get*, s3:List*, s3:Put*, s3:Delete*, s3:AbortMultipartUpload and s3:RestoreObject (S3 User Guide, "Blocking public
/// access to your Amazon S3 storage" › "The meaning of 'public'"); everything else here (replication, ownership override,
/// governance bypass) is granted without making a policy public.
/// </summary>
public static class S3Actions
{
    private static readonly (string Action, S3Access Access)[] Catalogue =
    [
        .. Of(S3Access.Read, "GetObject", "GetObjectVersion", "GetObjectTorrent", "GetObjectVersionTorrent"),
        .. Of(S3Access.List, "ListBucket", "ListBucketVersions", "ListBucketMultipartUploads", "ListMultipartUploadParts"),
        .. Of(S3Access.Write, "PutObject", "DeleteObject", "DeleteObjectVersion", "AbortMultipartUpload", "RestoreObject",
            "PutObjectRetention", "PutObjectLegalHold", "PutObjectTagging", "PutObjectVersionTagging", "DeleteObjectTagging",
            "DeleteObjectVersionTagging", "PutLifecycleConfiguration", "PutBucketVersioning", "PutBucketWebsite", "DeleteBucketWebsite",
            "PutBucketTagging", "PutReplicationConfiguration", "PutEncryptionConfiguration", "PutBucketLogging", "PutBucketCORS",
            "PutBucketNotification", "PutBucketObjectLockConfiguration", "DeleteBucket"),
        .. Of(S3Access.ManagePermissions, "PutBucketPolicy", "DeleteBucketPolicy", "PutBucketAcl", "PutObjectAcl", "PutObjectVersionAcl",
            "PutBucketPublicAccessBlock", "DeleteBucketPublicAccessBlock", "PutBucketOwnershipControls", "DeleteBucketOwnershipControls"),
        .. Of(S3Access.ReadConfiguration, "GetBucketPolicy", "GetBucketPolicyStatus", "GetBucketAcl", "GetObjectAcl", "GetObjectVersionAcl",
            "GetBucketLocation", "GetLifecycleConfiguration", "GetBucketTagging", "GetObjectTagging", "GetBucketVersioning",
            "GetBucketWebsite", "GetBucketPublicAccessBlock", "GetEncryptionConfiguration", "GetReplicationConfiguration",
            "GetBucketLogging", "GetObjectAttributes", "GetObjectRetention", "GetObjectLegalHold", "GetBucketOwnershipControls",
            "GetBucketCORS", "GetBucketNotification", "GetBucketObjectLockConfiguration"),
        .. Of(S3Access.None, "ReplicateObject", "ReplicateDelete", "ReplicateTags", "ObjectOwnerOverrideToBucketOwner",
            "BypassGovernanceRetention"),
    ];

    /// <summary>What an Action list grants; an action this catalogue does not know is sorted by its verb, as AWS's bad-action rule is.</summary>
    public static S3Access Granted(IEnumerable<string> actions) =>
        actions.Aggregate(S3Access.None, (access, pattern) => access | Matching(pattern));

    /// <summary>What a NotAction list grants: every catalogued action it does not exclude.</summary>
    public static S3Access GrantedExcept(IReadOnlyList<string> notActions) =>
        Catalogue.Where(entry => !notActions.Any(pattern => IamPattern.Matches(pattern, entry.Action)))
            .Aggregate(S3Access.None, (access, entry) => access | entry.Access);

    /// <summary>Whether every action behind these access kinds is covered by the patterns (used for Deny statements).</summary>
    public static bool Covers(IReadOnlyList<string> patterns, IReadOnlyList<string> notPatterns, S3Access access) =>
        Catalogue.Where(entry => (entry.Access & access) != 0)
            .All(entry => patterns.Count > 0
                ? patterns.Any(p => IamPattern.Matches(p, entry.Action))
                : notPatterns.Count > 0 && !notPatterns.Any(p => IamPattern.Matches(p, entry.Action)));

    private static S3Access Matching(string pattern)
    {
        var matched = Catalogue.Where(entry => IamPattern.Matches(pattern, entry.Action)).ToList();
        return matched.Count > 0 ? matched.Aggregate(S3Access.None, (access, entry) => access | entry.Access) : ByVerb(pattern);
    }

    private static S3Access ByVerb(string pattern)
    {
        if (!pattern.StartsWith("s3:", StringComparison.OrdinalIgnoreCase)) return S3Access.None;
        var name = pattern.AsSpan(3);
        return name.StartsWith("Get", StringComparison.OrdinalIgnoreCase) ? S3Access.ReadConfiguration
            : name.StartsWith("List", StringComparison.OrdinalIgnoreCase) ? S3Access.List
            : name.StartsWith("Put", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Delete", StringComparison.OrdinalIgnoreCase)
                ? S3Access.Write
            : S3Access.None;
    }

    private static IEnumerable<(string, S3Access)> Of(S3Access access, params string[] names) => names.Select(n => ("s3:" + n, access));

    /// <summary>"read, list" — the words used in findings.</summary>
    public static string Describe(S3Access access) => access == S3Access.None ? "no data access"
        : string.Join(", ", new[]
        {
            (S3Access.Read, "read objects"), (S3Access.List, "list keys"), (S3Access.Write, "write or delete objects"),
            (S3Access.ManagePermissions, "change permissions"), (S3Access.ReadConfiguration, "read configuration"),
        }.Where(kind => access.HasFlag(kind.Item1)).Select(kind => kind.Item2));
}
