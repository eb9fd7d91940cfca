using System.Globalization;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.SensitiveData.Classification;

/// <summary>
/// The data class a container's sampled content is (credentials → "secrets", personal data → "pii"), compared with the class its
/// label declares: a mismatch is a finding naming both and what the detected class's retention requirement would need. Every
/// classification carries the sensitivity score, so owners see which container to look at first.
/// </summary>
public sealed class ContentClassifier : IContentClassifier
{
    public const string SecretsClass = "secrets";
    public const string PiiClass = "pii";

    public Finding? Classify(IAuditSubject container, ContentChecks checks, IReadOnlyList<SampledObject> sampled, CheckContext context)
    {
        if (checks.Classification is not { } definition) return null;
        var profile = ContentProfile.Of(sampled);
        if (profile.ObjectsSampled == 0) return null;
        var judge = context.Retention;
        var detected = profile.HasSecrets ? SecretsClass : profile.HasPii ? PiiClass : null;
        var declared = judge.DeclaredClass(container);
        var publiclyReadable = Exposure.IsPubliclyReadable(container);
        var score = SensitivityScore.Of(profile, publiclyReadable);
        var byContent = declared is null && judge.Settings.JudgeUnlabelledByContent;
        var applied = declared ?? (byContent ? detected : judge.Settings.DefaultClass);
        var detectedVerdict = detected is null ? null : judge.JudgeAs(container, detected);
        var evidence = new Dictionary<string, string>
        {
            ["sensitivityScore"] = score.ToString(CultureInfo.InvariantCulture),
            ["detectedClass"] = detected ?? "none",
            ["declaredClass"] = declared ?? "unlabelled",
            ["objectsSampled"] = profile.ObjectsSampled.ToString(CultureInfo.InvariantCulture),
            ["objectsWithFindings"] = profile.ObjectsWithFindings.ToString(CultureInfo.InvariantCulture),
        };
        if (profile.Total > 0) evidence["entityCounts"] = profile.Describe();
        if (detectedVerdict?.Requirement is { } required)
            evidence["detectedClassRetention"] = detectedVerdict.Judged
                ? detectedVerdict.Compliant ? "met" : string.Join("; ", detectedVerdict.Shortfalls)
                : $"{required.Describe()} (not judged: {string.Join("; ", detectedVerdict.Unknown)})";
        var found = $"{profile.ObjectsWithFindings} of {profile.ObjectsSampled} sampled object(s) hold {(profile.Total == 0 ? "nothing sensitive" :
            profile.Describe())}; sensitivity {score}/100";
        var mismatch = detected is not null && !byContent && !Holds(judge, applied, detected);
        var unmet = byContent && detectedVerdict is { Judged: true, Compliant: false };
        if (!mismatch && !unmet)
            return Outcome(definition, container, FindingStatus.Pass, $"Content matches its class: {found}.", evidence, null);
        var needs = detectedVerdict switch
        {
            { Requirement: null } => $" No retention class '{detected}' is configured.",
            { Judged: true, Compliant: true } => $" Its retention already meets '{detected}'.",
            { Judged: true } v => $" '{detected}' would require: {string.Join("; ", v.Shortfalls)}.",
            var v => $" '{detected}' requires {v!.Requirement.Describe()}; whether this container meets it is unknown ({string.Join("; ", v.Unknown)}).",
        };
        var label = declared is null ? $"unlabelled{(applied is null ? "" : $" (judged as '{applied}')")}" : $"labelled '{declared}'";
        var detail = unmet
            ? $"Unlabelled, so judged by its content as '{detected}': {found}.{needs}"
            : $"Content is '{detected}' but the container is {label}: {found}.{needs}";
        var severity = detected == SecretsClass && publiclyReadable ? Severity.Critical : detected == SecretsClass || profile.HasHighRiskPii ? Severity.High
            : Severity.Medium;
        return Outcome(definition, container, FindingStatus.Fail, detail, evidence, severity);
    }

    /// <summary>A class holds content of its own name and of the classes its requirement lists under "holds".</summary>
    private static bool Holds(Core.Retention.RetentionJudge judge, string? applied, string detected) =>
        string.Equals(applied, detected, StringComparison.OrdinalIgnoreCase)
        || applied is not null && judge.Settings.Classes.TryGetValue(applied, out var requirement)
            && requirement.Holds.Contains(detected, StringComparer.OrdinalIgnoreCase);

    private static Finding Outcome(CheckDefinition definition, IAuditSubject container, FindingStatus status, string detail,
        Dictionary<string, string> evidence, Severity? severity) =>
        FindingFactory.FromCheck(definition, container, new CheckOutcome(status, detail, severity, evidence));
}
