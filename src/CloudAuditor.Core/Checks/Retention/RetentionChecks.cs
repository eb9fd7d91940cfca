using System.Globalization;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;

namespace CloudAuditor.Core.Checks.Retention;

/// <summary>
/// Retention judged against the data class's requirement. Requirements are configuration, so these checks are built
/// with the configured judge (<see cref="CheckCatalog.WithRetention"/>) rather than discovered; unlabelled or
/// unconfigured resources are not judged.
/// </summary>
public abstract class RetentionCheck<TSubject>(RetentionJudge judge) : Check<TSubject> where TSubject : IAuditSubject
{
    /// <summary>Why retention matters, the same for every cloud.</summary>
    protected const string Risk = "Records kept too briefly (or deletable at will) fail legal holds and audits; data kept too long breaks minimisation rules.";

    protected override CheckOutcome? Evaluate(TSubject subject)
    {
        var verdict = judge.Judge(subject);
        if (!verdict.Judged) return null;
        var posture = verdict.Posture!;
        var evidence = Evidence(("dataClass", verdict.DataClass), ("softDeleteDays", Days(posture.SoftDeleteDays)), ("immutableDays", Days(posture.ImmutableDays)),
            ("versioning", posture.Versioning ? "on" : "off"), ("lifecycleExpiryDays", Days(posture.LifecycleExpiryDays)));
        return verdict.Compliant
            ? CheckOutcome.Pass($"Meets the '{verdict.DataClass}' retention requirement.", evidence)
            : CheckOutcome.Fail($"Does not meet the '{verdict.DataClass}' retention requirement: {string.Join("; ", verdict.Shortfalls)}.", evidence: evidence);
    }

    private static string? Days(int? days) => days?.ToString(CultureInfo.InvariantCulture);
}

public sealed class AzureContainerRetentionCheck(RetentionJudge judge) : RetentionCheck<AzureContainer>(judge)
{
    public override CheckDefinition Definition { get; } = new(
        "azure.container.retention", FindingType.Retention, Severity.High,
        "Container retention does not meet its data class",
        Risk,
        "Set blob soft delete, a (locked) time-based immutability policy or lifecycle deletion to the data class's requirement.",
        ["CIS Microsoft Azure Foundations 2.1.0 3.11"]);
}

public sealed class S3BucketRetentionCheck(RetentionJudge judge) : RetentionCheck<S3Bucket>(judge)
{
    public override CheckDefinition Definition { get; } = new(
        "aws.s3.retention", FindingType.Retention, Severity.High,
        "Bucket retention does not meet its data class",
        Risk,
        "Enable versioning, S3 Object Lock (COMPLIANCE mode with the required default retention) or a lifecycle expiration as the data class requires.",
        ["CIS Amazon Web Services Foundations 3.0.0 2.1.3"]);
}
