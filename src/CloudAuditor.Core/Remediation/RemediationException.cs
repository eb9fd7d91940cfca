namespace CloudAuditor.Core.Remediation;

/// <summary>A remediation step failed; the message names the operation and status, never data.</summary>
public sealed class RemediationException(string message, Exception? inner = null) : Exception(message, inner);
