namespace CloudAuditor.Core.Exemptions;

/// <summary>Why a failing finding is accepted, until when, and where that was said (a tag, the configuration).</summary>
public sealed record Exemption(string Reason, DateOnly? Expires, string Source);
