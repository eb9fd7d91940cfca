using CloudAuditor.Core.Engine;
using CloudAuditor.Core.Model;

namespace CloudAuditor.Cli;

/// <summary>Exit codes fixed by CONTRACT.md.</summary>
public static class ExitCodes
{
    public const int Ran = 0;
    public const int FailingChecks = 1;
    public const int BadUsage = 2;
    public const int Unreachable = 3;

    /// <summary>Additions to the contract: a bug in the auditor, and Ctrl+C.</summary>
    public const int InternalError = 4;
    public const int Cancelled = 130;

    public static int ForFindings(FindingCounter findings, Severity? failOn) =>
        failOn is { } threshold && findings.FailingAtOrAbove(threshold) > 0 ? FailingChecks : Ran;
}
