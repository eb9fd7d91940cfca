using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Cli;

/// <summary>Exit codes fixed by CONTRACT.md, and the additions to it.</summary>
public static class ExitCodes
{
    public const int Ran = 0;
    public const int FailingChecks = 1;
    public const int BadUsage = 2;

    /// <summary>
    /// The audit is incomplete: a target could not be reached, or a resource, a setting or a sampled object could not
    /// be read because of a fault (the coverage lines name which and why). Takes precedence over <see cref="FailingChecks"/>:
    /// a clean result proves nothing about what was not read.
    /// </summary>
    public const int Incomplete = 3;

    /// <summary>Additions to the contract: a bug in the auditor, and Ctrl+C.</summary>
    public const int InternalError = 4;
    public const int Cancelled = 130;

    public static int Of(SweepSummary summary, Severity? failOn) =>
        !summary.Coverage.Complete ? Incomplete
        : failOn is { } threshold && summary.Findings.FailingAtOrAbove(threshold) > 0 ? FailingChecks
        : Ran;
}
