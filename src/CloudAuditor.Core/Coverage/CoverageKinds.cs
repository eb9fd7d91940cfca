using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Coverage;

/// <summary>The kinds of resource coverage is counted in, named as people say them.</summary>
public static class CoverageKinds
{
    public const string Target = "target";
    public const string StorageAccount = "storage account";
    public const string AwsAccount = "AWS account";
    public const string Container = "container";
    public const string Bucket = "bucket";
    public const string Object = "sampled object";
    public const string File = "file";
    public const string Folder = "folder";

    public static readonly string[] Ordered = [Target, StorageAccount, AwsAccount, Container, Bucket, Object, Folder, File];

    /// <summary>The coverage kind of a resource, from the kind its <see cref="ResourceRef"/> carries.</summary>
    public static string Of(ResourceRef resource) => resource.Kind switch
    {
        "storage-account" => StorageAccount,
        "blob-container" => Container,
        "s3-bucket" => Bucket,
        Model.AwsAccount.Kind => AwsAccount,
        "file" => File,
        "folder" => Folder,
        "target" => Target,
        _ => resource.Kind,
    };
}
