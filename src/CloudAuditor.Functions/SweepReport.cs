using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Functions;

/// <summary>One invocation's sweep as the Functions log and the retry decision need it.</summary>
public sealed record SweepReport(SweepSummary Summary, int OwnersNotified, SamplingTally? Sampling = null)
{
    /// <summary>Something was missed for a reason a retry can cure (unreachable, throttled, 5xx, timed out): fail so the host retries.</summary>
    public bool ShouldRetry => Summary.Coverage.Transient;

    public string Describe(string what)
    {
        var counts = Summary.Findings;
        var line = $"{what}: {Enum.GetValues<FindingStatus>().Sum(counts.Count)} findings, {counts.Count(FindingStatus.Fail)} failing, " +
            $"{counts.Count(FindingStatus.Remediated)} remediated, {counts.Count(FindingStatus.Error)} errors, {OwnersNotified} owner(s) notified" +
            (Sampling is null ? "" : $"; sampling {Sampling.Describe()}") + (Summary.Requests is { } requests ? $"; {requests.Describe()}" : "");
        if (Summary.Coverage.Complete) return line;
        var verdict = ShouldRetry ? "incomplete, retrying" : "incomplete; a retry would not help";
        return $"{line}; {verdict}: {string.Join("; ", Summary.Coverage.Lines())}";
    }

    /// <summary>The invocation's answer: completed with the log line, or failed with it when a retry can close the gap.</summary>
    public InvocationResult Result(string what) => ShouldRetry ? InvocationResult.Retry(Describe(what)) : InvocationResult.Log(Describe(what));
}
