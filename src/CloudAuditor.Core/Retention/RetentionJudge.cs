using CloudAuditor.Core.Config;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Core.Retention;

/// <summary>
/// Policy as code: the configured requirement of a data class, checked setting by setting, with every shortfall named.
/// A requirement that needs a setting which could not be read is undecided, never guessed.
/// </summary>
public sealed class RetentionJudge(RetentionSettings settings)
{
    public RetentionVerdict Judge(IAuditSubject subject) => JudgeAs(subject, DeclaredClass(subject) ?? settings.DefaultClass);

    /// <summary>The class the subject's labels (or its account's) declare; null when unlabelled.</summary>
    public string? DeclaredClass(IAuditSubject subject) =>
        subject.LabelChain().Select(l => l.GetValueOrDefault(settings.ClassLabel)).FirstOrDefault(v => v is not null);

    public RetentionSettings Settings => settings;

    /// <summary>The subject's retention measured against one class's requirement (the declared one, or the one its content suggests).</summary>
    public RetentionVerdict JudgeAs(IAuditSubject subject, string? dataClass)
    {
        var posture = subject switch { AzureContainer c => c.Retention, S3Bucket b => b.Retention, _ => null };
        var requirement = dataClass is not null && settings.Classes.TryGetValue(dataClass, out var r) ? r : null;
        if (requirement is null || posture is null) return new RetentionVerdict(dataClass, requirement, posture, [], []);
        var unknown = Needed(requirement, posture, subject.Cloud).Where(o => !o.IsKnown).Select(o => o.Unreadable!).Distinct().ToList();
        if (unknown.Count > 0) return new RetentionVerdict(dataClass, requirement, posture, [], unknown);
        return new RetentionVerdict(dataClass, requirement, posture, Shortfalls(requirement, posture, subject.Cloud).ToList(), []);
    }

    /// <summary>The parts of the posture this requirement is judged on.</summary>
    private static IEnumerable<IObservation> Needed(RetentionRequirement need, RetentionPosture has, CloudKind cloud)
    {
        if (need.MinRetentionDays is not null || need.Immutable) yield return has.Immutability;
        if (need.MaxRetentionDays is not null)
        {
            yield return has.Lifecycle;
            yield return has.Versioning;
        }
        if (need.SoftDeleteDays is not null) yield return cloud == CloudKind.Aws ? has.Versioning : has.SoftDelete;
        if (need.Versioning) yield return has.Versioning;
    }

    private static IEnumerable<string> Shortfalls(RetentionRequirement need, RetentionPosture has, CloudKind cloud)
    {
        var immutability = has.Immutability.Value;
        var held = immutability?.LegalHold == true;
        if (need.MinRetentionDays is { } min && !held && (immutability?.Days ?? 0) < min)
            yield return $"needs {min} days of immutable retention, has {(immutability?.Days is { } d ? $"{d}" : "none")}";
        if (need.Immutable && !held && immutability?.Locked != true)
            yield return cloud == CloudKind.Aws ? "object lock is not in COMPLIANCE mode" : "the immutability policy is not locked";
        var versioning = has.Versioning.Value?.Enabled == true;
        if (need.MaxRetentionDays is { } max)
        {
            var rules = has.Lifecycle.Value ?? LifecycleRules.None;
            var current = LifecycleCoverage.CurrentVersions(rules, need.Prefixes);
            if (current.Days is null || current.Days > max)
                yield return $"must be deleted within {max} days, lifecycle expiry is " +
                    (current.Days is { } e ? $"{e} days ({current.Explanation})" : $"not set for the whole scope ({current.Explanation})");
            var noncurrent = LifecycleCoverage.NoncurrentVersions(rules, need.Prefixes);
            if (versioning && (noncurrent.Days is null || noncurrent.Days > max))
                yield return $"noncurrent versions must also be deleted within {max} days, noncurrent expiry is " +
                    (noncurrent.Days is { } n ? $"{n} days ({noncurrent.Explanation})" : $"not set for the whole scope ({noncurrent.Explanation})");
        }
        if (need.SoftDeleteDays is { } soft)
        {
            if (cloud == CloudKind.Aws && !versioning) yield return "deleted objects are unrecoverable: versioning is off";
            var days = has.SoftDelete.Value?.BlobDays ?? 0;
            if (cloud == CloudKind.Azure && days < soft) yield return $"needs {soft} days of blob soft delete, has {days}";
        }
        if (need.Versioning && !versioning) yield return "versioning is off";
    }
}
