namespace CloudAuditor.Core.Engine;

/// <summary>What a progress display needs: a target's resources as they are audited, and the target's end (audited, unreachable or failed).</summary>
public interface ISweepProgress
{
    void SubjectAudited(string target);

    void TargetCompleted(string target);
}
