using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// What content sampling reports about one kind of store: sensitive data found in an object, and content that could not
/// be (fully) scanned. One pair of ids per kind of store, so a SIEM rule can tell blobs, S3 objects and local files apart.
/// </summary>
/// <param name="Classification">The container-level judgement of its content; none for local files, which have no container.</param>
public sealed record ContentChecks(CheckDefinition SensitiveData, CheckDefinition Unscanned, CheckDefinition? Classification)
{
    public static ContentChecks AzureBlob { get; } = For("azure.blob", "azure.container");
    public static ContentChecks AwsS3 { get; } = For("aws.s3", "aws.s3");
    public static ContentChecks LocalFile { get; } = For("local.file", null);

    public static IReadOnlyList<ContentChecks> All { get; } = [AzureBlob, AwsS3, LocalFile];

    private static ContentChecks For(string prefix, string? containerPrefix) => new(
        new CheckDefinition($"{prefix}.sensitive-data", FindingType.SensitiveData, Severity.High,
            "Sensitive data found in stored content",
            "Personal data and credentials in storage leak with it: to anyone who can read the container, and into every copy and backup.",
            "Remove or tokenise the values, or move the object to storage whose access and retention fit its data class.", []),
        new CheckDefinition($"{prefix}.sensitive-data-unscanned", FindingType.Error, Severity.Low,
            "Content could not be scanned",
            "Content that was not scanned may hold what the scanned part did not; absence of findings proves less.",
            "Check the reason in the detail: raise the limit that was hit, or grant read access to the object.", []),
        containerPrefix is null ? null : new CheckDefinition($"{containerPrefix}.content-classification", FindingType.Retention, Severity.High,
            "Content does not match the declared data class",
            "A container whose content is personal data or credentials but whose label says otherwise is kept, shared and deleted by the " +
            "wrong rules: retention, access reviews and owners all follow the label.",
            "Relabel the container with the class its content is (the evidence says which), or move the data to a container of that class; " +
            "the sensitivity score says which container to look at first.", []));
}
