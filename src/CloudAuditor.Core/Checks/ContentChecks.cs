using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// What content sampling reports about one kind of store: sensitive data found in an object, and content that could not
/// be (fully) scanned. One pair of ids per kind of store, so a SIEM rule can tell blobs, S3 objects and local files apart.
/// </summary>
public sealed record ContentChecks(CheckDefinition SensitiveData, CheckDefinition Unscanned)
{
    public static ContentChecks AzureBlob { get; } = For("azure.blob");
    public static ContentChecks AwsS3 { get; } = For("aws.s3");
    public static ContentChecks LocalFile { get; } = For("local.file");

    public static IReadOnlyList<ContentChecks> All { get; } = [AzureBlob, AwsS3, LocalFile];

    private static ContentChecks For(string prefix) => new(
        new CheckDefinition($"{prefix}.sensitive-data", FindingType.SensitiveData, Severity.High,
            "Sensitive data found in stored content",
            "Personal data and credentials in storage leak with it: to anyone who can read the container, and into every copy and backup.",
            "Remove or tokenise the values, or move the object to storage whose access and retention fit its data class.", []),
        new CheckDefinition($"{prefix}.sensitive-data-unscanned", FindingType.Error, Severity.Low,
            "Content could not be scanned",
            "Content that was not scanned may hold what the scanned part did not; absence of findings proves less.",
            "Check the reason in the detail: raise the limit that was hit, or grant read access to the object.", []));
}
