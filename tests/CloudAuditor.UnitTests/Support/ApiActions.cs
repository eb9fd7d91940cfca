namespace CloudAuditor.UnitTests.Support;

/// <summary>
/// The IAM action or Azure RBAC action AWS and Azure authorise a REST request by, after their published mappings:
/// so replay tests can check that every request the providers make is covered by a permission the code declares.
/// </summary>
public static class ApiActions
{
    private static readonly Dictionary<string, string> S3BucketReads = new(StringComparer.Ordinal)
    {
        ["location"] = "s3:GetBucketLocation", ["acl"] = "s3:GetBucketAcl", ["policy"] = "s3:GetBucketPolicy",
        ["publicAccessBlock"] = "s3:GetBucketPublicAccessBlock", ["website"] = "s3:GetBucketWebsite", ["tagging"] = "s3:GetBucketTagging",
        ["versioning"] = "s3:GetBucketVersioning", ["object-lock"] = "s3:GetBucketObjectLockConfiguration", ["lifecycle"] = "s3:GetLifecycleConfiguration",
        ["replication"] = "s3:GetReplicationConfiguration", ["list-type"] = "s3:ListBucket",
        ["ownershipControls"] = "s3:GetBucketOwnershipControls",
    };

    private static readonly Dictionary<string, string> S3BucketWrites = new(StringComparer.Ordinal)
    {
        ["acl"] = "s3:PutBucketAcl", ["policy"] = "s3:PutBucketPolicy", ["publicAccessBlock"] = "s3:PutBucketPublicAccessBlock",
    };

    public static string S3(HttpMethod method, Uri uri)
    {
        if (uri.Host.StartsWith("sts.", StringComparison.Ordinal)) return "sts:GetCallerIdentity";
        // S3 Control: DELETE is authorised by the Put permission, as for the bucket-level block.
        if (uri.Host.Contains(".s3-control.", StringComparison.Ordinal))
            return method == HttpMethod.Get ? "s3:GetAccountPublicAccessBlock" : "s3:PutAccountPublicAccessBlock";
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Select(q => q.Split('=')[0]).ToList();
        if (uri.AbsolutePath == "/" && query.Count == 0 && uri.Host.StartsWith("s3.", StringComparison.Ordinal)) return "s3:ListAllMyBuckets";
        var sub = query.FirstOrDefault(q => S3BucketReads.ContainsKey(q) || S3BucketWrites.ContainsKey(q));
        if (sub is null) return method == HttpMethod.Get || method == HttpMethod.Head ? "s3:GetObject" : $"unmapped {method} {uri}";
        // A key in the path (virtual-hosted: any path; path-style: after the bucket) makes ?acl an object ACL.
        var onObject = uri.Host.StartsWith("s3.", StringComparison.Ordinal) ? uri.AbsolutePath.Trim('/').Contains('/', StringComparison.Ordinal)
            : uri.AbsolutePath.Length > 1;
        if (sub == "acl" && onObject) return method == HttpMethod.Get ? "s3:GetObjectAcl" : "s3:PutObjectAcl";
        if (method == HttpMethod.Get) return S3BucketReads[sub];
        // DELETE ?publicAccessBlock is authorised by s3:PutBucketPublicAccessBlock.
        return S3BucketWrites.TryGetValue(sub, out var write) ? write : $"unmapped {method} {uri}";
    }

    public static string Azure(HttpMethod method, Uri uri)
    {
        if (uri.Host == "graph.microsoft.com") return "User.Read.All";
        var path = uri.AbsolutePath.TrimEnd('/');
        string Read(string type) => $"{type}/{(method == HttpMethod.Get ? "read" : "write")}";
        if (path.EndsWith("/providers/Microsoft.Authorization/roleAssignments", StringComparison.OrdinalIgnoreCase))
            return "Microsoft.Authorization/roleAssignments/read";
        if (path.Contains("/blobServices/default/containers/", StringComparison.OrdinalIgnoreCase))
            return Read("Microsoft.Storage/storageAccounts/blobServices/containers");
        if (path.EndsWith("/blobServices/default", StringComparison.OrdinalIgnoreCase)) return Read("Microsoft.Storage/storageAccounts/blobServices");
        if (path.EndsWith("/managementPolicies/default", StringComparison.OrdinalIgnoreCase))
            return Read("Microsoft.Storage/storageAccounts/managementPolicies");
        if (path.Contains("/providers/Microsoft.Storage/storageAccounts/", StringComparison.OrdinalIgnoreCase))
            return Read("Microsoft.Storage/storageAccounts");
        if (path.EndsWith("/resources", StringComparison.OrdinalIgnoreCase)) return "Microsoft.Resources/subscriptions/resources/read";
        if (path.Contains("/resourceGroups/", StringComparison.OrdinalIgnoreCase)) return "Microsoft.Resources/subscriptions/resourceGroups/read";
        return $"unmapped {method} {uri}";
    }
}
