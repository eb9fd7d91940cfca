using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Retention;

/// <summary>One container's or bucket's retention measured against the requirement of its data class.</summary>
public sealed record RetentionVerdict(string? DataClass, RetentionRequirement? Requirement, RetentionPosture? Posture, IReadOnlyList<string> Shortfalls)
{
    public bool Judged => Requirement is not null && Posture is not null;
    public bool Compliant => Judged && Shortfalls.Count == 0;
}

/// <summary>Policy as code: the configured requirement of a data class, checked setting by setting, with every shortfall named.</summary>
public sealed class RetentionJudge(RetentionSettings settings)
{
    public RetentionVerdict Judge(IAuditSubject subject)
    {
        var posture = subject switch { AzureContainer c => c.Retention, S3Bucket b => b.Retention, _ => null };
        var dataClass = subject.LabelChain().Select(l => l.GetValueOrDefault(settings.ClassLabel)).FirstOrDefault(v => v is not null) ?? settings.DefaultClass;
        var requirement = dataClass is not null && settings.Classes.TryGetValue(dataClass, out var r) ? r : null;
        if (requirement is null || posture is null) return new RetentionVerdict(dataClass, requirement, posture, []);
        return new RetentionVerdict(dataClass, requirement, posture, Shortfalls(requirement, posture, subject.Cloud).ToList());
    }

    private static IEnumerable<string> Shortfalls(RetentionRequirement need, RetentionPosture has, CloudKind cloud)
    {
        if (need.MinRetentionDays is { } min && !has.LegalHold && (has.ImmutableDays ?? 0) < min)
            yield return $"needs {min} days of immutable retention, has {(has.ImmutableDays is { } d ? $"{d}" : "none")}";
        if (need.Immutable && !has.LegalHold && !has.ImmutableLocked)
            yield return cloud == CloudKind.Aws ? "object lock is not in COMPLIANCE mode" : "the immutability policy is not locked";
        if (need.MaxRetentionDays is { } max && (has.LifecycleExpiryDays is not { } expiry || expiry > max))
            yield return $"must be deleted within {max} days, lifecycle expiry is {(has.LifecycleExpiryDays is { } e ? $"{e} days" : "not set")}";
        if (need.SoftDeleteDays is { } soft)
        {
            if (cloud == CloudKind.Aws && !has.Versioning) yield return "deleted objects are unrecoverable: versioning is off";
            if (cloud == CloudKind.Azure && (has.SoftDeleteDays ?? 0) < soft) yield return $"needs {soft} days of blob soft delete, has {has.SoftDeleteDays ?? 0}";
        }
        if (need.Versioning && !has.Versioning) yield return "versioning is off";
    }
}
