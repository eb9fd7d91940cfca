using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// The ids of findings that say what could not be audited. They judge no resource, so no <see cref="ICheck"/> computes
/// them: the engine and the providers report them, and the catalogue lists them beside the checks.
/// </summary>
public static class AuditGapChecks
{
    private const string Title = "Resource could not be audited";

    public static CheckDefinition AzureTargetUnreachable { get; } = Gap("azure.target.unreachable",
        "No request to the target succeeded: nothing in it was audited.");
    public static CheckDefinition AwsTargetUnreachable { get; } = Gap("aws.target.unreachable",
        "No request to the target succeeded: nothing in it was audited.");
    public static CheckDefinition AzureTargetFailed { get; } = Gap("azure.target.failed", "The audit of the target stopped part-way.");
    public static CheckDefinition AwsTargetFailed { get; } = Gap("aws.target.failed", "The audit of the target stopped part-way.");
    public static CheckDefinition AzureAccountUnreachable { get; } = Gap("azure.account.unreachable",
        "A storage account of the subscription could not be read.");
    public static CheckDefinition AzureContainerUnreadable { get; } = Gap("azure.container.unreadable", "A container could not be read.");
    public static CheckDefinition S3BucketUnreadable { get; } = Gap("aws.s3.bucket-unreadable", "A bucket could not be read.");
    public static CheckDefinition S3SettingsUnreadable { get; } = Gap("aws.s3.settings-unreadable",
        "Some bucket settings could not be read, so the checks that need them were not judged.");
    public static CheckDefinition AwsAccountSettingsUnreadable { get; } = Gap("aws.account.settings-unreadable",
        "Some account-level settings could not be read, so the checks that need them were not judged.");
    public static CheckDefinition AzureAccountSettingsUnreadable { get; } = Gap("azure.account.settings-unreadable",
        "Some account settings could not be read, so the checks that need them were not judged.");
    public static CheckDefinition AzureContainerSettingsUnreadable { get; } = Gap("azure.container.settings-unreadable",
        "Some container settings could not be read, so the checks that need them were not judged.");

    public static IReadOnlyList<CheckDefinition> All { get; } =
    [
        AzureTargetUnreachable, AwsTargetUnreachable, AzureTargetFailed, AwsTargetFailed, AzureAccountUnreachable,
        AzureContainerUnreadable, S3BucketUnreadable, S3SettingsUnreadable, AwsAccountSettingsUnreadable, AzureAccountSettingsUnreadable,
        AzureContainerSettingsUnreadable,
    ];

    public static CheckDefinition TargetUnreachable(CloudKind cloud) => cloud == CloudKind.Aws ? AwsTargetUnreachable : AzureTargetUnreachable;

    public static CheckDefinition TargetFailed(CloudKind cloud) => cloud == CloudKind.Aws ? AwsTargetFailed : AzureTargetFailed;

    /// <summary>The id for a resource of this kind that could not be audited at all.</summary>
    public static CheckDefinition NotAudited(CloudKind cloud, ResourceRef resource) => resource.Kind switch
    {
        "storage-account" => AzureAccountUnreachable,
        "blob-container" => AzureContainerUnreadable,
        "s3-bucket" => S3BucketUnreadable,
        "target" => TargetUnreachable(cloud),
        _ => TargetFailed(cloud),
    };

    /// <summary>The id for a subject some of whose settings failed to read.</summary>
    public static CheckDefinition SettingsUnreadable(IAuditSubject subject) => subject switch
    {
        AzureStorageAccount => AzureAccountSettingsUnreadable,
        AzureContainer => AzureContainerSettingsUnreadable,
        AwsAccount => AwsAccountSettingsUnreadable,
        _ => S3SettingsUnreadable,
    };

    private static CheckDefinition Gap(string id, string rationale) => new(
        id, FindingType.Error, Severity.Medium, Title, rationale,
        "Give the auditor's identity read access to what the detail names, or make the endpoint reachable, then sweep again.", []);
}
