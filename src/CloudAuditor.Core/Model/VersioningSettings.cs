namespace CloudAuditor.Core.Model;

/// <summary>Blob versioning / S3 bucket versioning, and S3's MFA delete.</summary>
public sealed record VersioningSettings(bool Enabled, bool MfaDelete);
