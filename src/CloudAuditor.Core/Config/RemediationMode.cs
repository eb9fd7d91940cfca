namespace CloudAuditor.Core.Config;

public enum RemediationMode { Audit, Enforce }
