using CloudAuditor.Core.Model;

namespace CloudAuditor.Notifications;

/// <summary>Everything one owner hears about after one sweep: their open and just-remediated findings.</summary>
public sealed record OwnerDigest(string Owner, IReadOnlyList<Finding> Findings, DateTimeOffset SweepTime, string ConfigHint)
{
    public int Open => Findings.Count(f => f.Status == FindingStatus.Fail);
    public int Remediated => Findings.Count(f => f.Status == FindingStatus.Remediated);

    public string Subject => $"[CloudAuditor] {Open} open and {Remediated} remediated storage finding{(Findings.Count == 1 ? "" : "s")} on resources you own";
}
