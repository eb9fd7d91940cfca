using System.Collections.Concurrent;
using CloudAuditor.Core.Checks;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Retention;

namespace CloudAuditor.Hosting.Reports;

/// <summary>
/// The compliance team's retention export: every container and bucket, its retention settings, its data class and
/// whether it meets that class's requirement. Read-only: no remediation, no notices; content is sampled only when asked, to add the
/// class each container's content is detected as beside the declared one.
/// </summary>
public static class RetentionReport
{
    public static async Task<(IReadOnlyList<RetentionRow> Rows, SweepSummary Summary)> CollectAsync(AuditorRuntime runtime, bool sampleContent,
        CancellationToken cancellationToken)
    {
        var rows = new RowCollector(new RetentionJudge(runtime.Config.Retention));
        var classes = new ClassificationCollector();
        var result = await runtime.SweepAsync(new SweepRequest(classes) { ReadOnly = true, SampleContent = sampleContent, Subjects = rows },
            cancellationToken);
        return (rows.Sorted().Select(row => classes.Of(row.ResourceId) is { } c
            ? row with { DetectedClass = c.Evidence?.GetValueOrDefault("detectedClass"), SensitivityScore = c.Evidence?.GetValueOrDefault("sensitivityScore") }
            : row).ToList(), result.Summary);
    }

    /// <summary>The content classification of each container, by resource id; other findings of the sampling are not the report's.</summary>
    private sealed class ClassificationCollector : IFindingSink
    {
        private readonly ConcurrentDictionary<string, Finding> _byResource = new(StringComparer.Ordinal);

        public Finding? Of(string resourceId) => _byResource.GetValueOrDefault(resourceId);

        public ValueTask WriteAsync(Finding finding, CancellationToken cancellationToken)
        {
            if (ContentChecks.All.Any(c => c.Classification?.Id == finding.CheckId)) _byResource[finding.Resource.Id] = finding;
            return ValueTask.CompletedTask;
        }

        public ValueTask CompleteAsync(SweepSummary summary, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    /// <summary>One row per container or bucket as the read-only sweep reports them.</summary>
    private sealed class RowCollector(RetentionJudge judge) : ISubjectSink
    {
        private readonly ConcurrentBag<RetentionRow> _rows = [];

        public ValueTask WriteAsync(string target, IAuditSubject subject, CancellationToken cancellationToken)
        {
            if (subject is AzureContainer { Retention: var containerRetention }) _rows.Add(Row(subject, judge.Judge(subject), containerRetention));
            else if (subject is S3Bucket { Retention: var bucketRetention }) _rows.Add(Row(subject, judge.Judge(subject), bucketRetention));
            return ValueTask.CompletedTask;
        }

        public List<RetentionRow> Sorted() =>
            _rows.OrderBy(r => r.Cloud, StringComparer.Ordinal).ThenBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Container,
                StringComparer.Ordinal).ToList();
    }

    internal static RetentionRow Row(IAuditSubject subject, RetentionVerdict verdict, RetentionPosture posture)
    {
        var notRead = posture.Observations.All(o => o.State == ObservationState.NotRead);
        var (verdictText, reason) = verdict switch
        {
            _ when notRead => ("not read", posture.Observations.First().Unreadable!),
            { Requirement: null } => ("no requirement", verdict.DataClass is null ? "no data class label"
                : $"no requirement configured for '{verdict.DataClass}'"),
            { Undecided: true } => ("undecided", "a setting the requirement needs could not be read"),
            { Compliant: true } => ("compliant", ""),
            _ => ("non-compliant", string.Join("; ", verdict.Shortfalls)),
        };
        var unread = posture.Observations.Where(o => o.State == ObservationState.Failed).Select(o => $"unread: {o.Unreadable}");
        reason = string.Join("; ", new[] { reason }.Where(r => r.Length > 0).Concat(unread));
        return new RetentionRow(subject.Cloud.ToString().ToLowerInvariant(), subject.Resource.Account ?? "", subject.Resource.Container
            ?? subject.Resource.Bucket ?? subject.Resource.Name,
            subject.Resource.Id, verdict.DataClass, posture, verdictText, reason);
    }
}
