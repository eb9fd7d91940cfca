namespace CloudAuditor.Core.Model;

/// <summary>
/// Time-based retention in days (null when none), whether it is locked (Azure locked policy, S3 COMPLIANCE mode: not
/// even an administrator can shorten it), and a legal hold (kept until released).
/// </summary>
public sealed record ImmutabilitySettings(int? Days, bool Locked, bool LegalHold);
