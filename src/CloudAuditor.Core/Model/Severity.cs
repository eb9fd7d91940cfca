namespace CloudAuditor.Core.Model;

public enum Severity { Critical, High, Medium, Low, Info }
