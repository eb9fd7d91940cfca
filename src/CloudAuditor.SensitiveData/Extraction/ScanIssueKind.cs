namespace CloudAuditor.SensitiveData.Extraction;

public enum ScanIssueKind { LimitExceeded, Corrupt, Skipped }
