using System.Globalization;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Checks.Retention;

/// <summary>
/// Retention judged against the data class's requirement. Requirements are configuration, so the judge comes with the
/// <see cref="CheckContext"/>; unlabelled or unconfigured resources are not judged.
/// </summary>
public abstract class RetentionCheck<TSubject> : Check<TSubject> where TSubject : IAuditSubject
{
    /// <summary>Why retention matters, the same for every cloud.</summary>
    protected const string Risk = "Records kept too briefly (or deletable at will) fail legal holds and audits; data kept too long breaks minimisation rules.";

    protected override CheckOutcome? Evaluate(TSubject subject, CheckContext context)
    {
        var verdict = context.Retention.Judge(subject);
        if (!verdict.Judged) return null;
        var posture = verdict.Posture!;
        var evidence = Evidence(("dataClass", verdict.DataClass), ("softDeleteDays", Days(posture.SoftDelete.Value?.BlobDays)),
            ("immutableDays", Days(posture.Immutability.Value?.Days)), ("versioning", posture.Versioning.Value is { } v ? v.Enabled ? "on" : "off" : null),
            ("lifecycleExpiryDays", Days(verdict.Expiry?.Days)), ("lifecycleScope", verdict.Expiry?.Explanation));
        return verdict.Compliant
            ? CheckOutcome.Pass($"Meets the '{verdict.DataClass}' retention requirement.", evidence)
            : CheckOutcome.Fail($"Does not meet the '{verdict.DataClass}' retention requirement: {string.Join("; ", verdict.Shortfalls)}.", evidence: evidence);
    }

    private static string? Days(int? days) => days?.ToString(CultureInfo.InvariantCulture);
}
