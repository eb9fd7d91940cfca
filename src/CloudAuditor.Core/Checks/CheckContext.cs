using CloudAuditor.Core.Config;
using CloudAuditor.Core.Retention;

namespace CloudAuditor.Core.Checks;

/// <summary>
/// The configured policy some checks judge against (retention per data class), handed to every check with the subject,
/// so that checks whose rules are configuration are still one discoverable type each.
/// </summary>
public sealed class CheckContext(RetentionJudge retention, TimeProvider? time = null)
{
    /// <summary>No configured policy: configuration-driven checks do not judge.</summary>
    public static CheckContext Default { get; } = new(new RetentionJudge(new RetentionSettings()));

    public RetentionJudge Retention => retention;

    /// <summary>The sweep's clock, for checks that judge ages and expiries (key age, stored access policy expiry).</summary>
    public DateTimeOffset Now => (time ?? TimeProvider.System).GetUtcNow();

    public static CheckContext From(AuditorConfig config) => new(new RetentionJudge(config.Retention));
}
