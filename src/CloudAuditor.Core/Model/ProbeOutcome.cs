namespace CloudAuditor.Core.Model;

public enum ProbeOutcome { NotAttempted, Denied, Allowed, Failed }
