using System.Collections.Concurrent;
using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;
using CloudAuditor.Core.Output;
using CloudAuditor.Core.Retention;

namespace CloudAuditor.Hosting.Reports;

/// <summary>
/// The compliance team's retention export: every container and bucket, its retention settings, its data class and
/// whether it meets that class's requirement. Read-only: no sampling, no remediation, no notices.
/// </summary>
public static class RetentionReport
{
    public static async Task<(IReadOnlyList<RetentionRow> Rows, SweepSummary Summary)> CollectAsync(AuditorRuntime runtime, CancellationToken cancellationToken)
    {
        var rows = new RowCollector(new RetentionJudge(runtime.Config.Retention));
        var result = await runtime.SweepAsync(new SweepRequest(NullFindingSink.Instance) { ReadOnly = true, Subjects = rows }, cancellationToken);
        return (rows.Sorted(), result.Summary);
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
