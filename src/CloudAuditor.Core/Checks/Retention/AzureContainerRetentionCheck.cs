using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Retention;

public sealed class AzureContainerRetentionCheck : RetentionCheck<AzureContainer>
{
    public const string Id = "azure.container.retention";

    public override CheckDefinition Definition { get; } = new(
        Id, FindingType.Retention, Severity.High,
        "Container retention does not meet its data class",
        Risk,
        "Set blob soft delete, a (locked) time-based immutability policy or lifecycle deletion to the data class's requirement.",
        ["CIS Microsoft Azure Foundations 2.1.0 3.11"]);
}
