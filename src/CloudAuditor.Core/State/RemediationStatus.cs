namespace CloudAuditor.Core.State;

public enum RemediationStatus { Planned, Applied, Verified, VerificationFailed, Failed, RolledBack }
